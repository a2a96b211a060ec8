// Profiling aid for the page benchmarks: seeds the large data set into a scratch database and
// prints EXPLAIN (ANALYZE, BUFFERS) of the queries behind the enrollments list and detail pages.
// `node --conditions=react-server --import tsx scripts/bench/explain-pages.ts` (BENCH_SCALE shrinks it).
import pg from "pg";
import { openScratchDatabase } from "../db/database";
import { applyMigrations } from "../db/schema-engine";
import { seedLarge } from "../seed-large";
import { scaledSizes } from "./page-bench";

const LIST = `
  SELECT e.id, e.status::text AS status, e.contact_id, c.email, c.first_name, c.last_name,
         e.sequence_id, s.name AS sequence_name, v.number AS version_number, av.number AS active_number,
         e.current_step_index, e.current_step_key, jsonb_array_length(v.content->'steps') AS step_count,
         e.next_run_at, e.enrolled_at, e.exit_reason
  FROM enrollments e
  JOIN contacts c ON c.id = e.contact_id
  JOIN sequences s ON s.id = e.sequence_id
  JOIN sequence_versions v ON v.id = e.sequence_version_id
  LEFT JOIN sequence_versions av ON av.id = s.active_version_id
  WHERE TRUE AND e.sequence_id = $1::uuid AND e.status = 'active'::"EnrollmentStatus" @@EXTRA@@
  ORDER BY e.id DESC
  LIMIT 51`;

const COUNTS = `
  SELECT v.id, v.number, (s.active_version_id = v.id) AS is_active,
         count(e.id) FILTER (WHERE e.status = 'active') AS active,
         count(e.id) FILTER (WHERE e.status = 'paused') AS paused,
         count(e.id) FILTER (WHERE e.status IN ('completed', 'exited', 'failed')) AS finished
  FROM sequence_versions v
  JOIN sequences s ON s.id = v.sequence_id
  LEFT JOIN enrollments e ON e.sequence_id = v.sequence_id AND e.sequence_version_id = v.id
  WHERE v.sequence_id = $1::uuid
  GROUP BY v.id, v.number, s.active_version_id
  ORDER BY v.number`;

const db = await openScratchDatabase("explain");
try {
  await applyMigrations(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(
    "INSERT INTO users (email, name, role, password_hash) VALUES ('explain@example.com', 'Explain', 'admin', 'x')",
  );
  const started = Date.now();
  const summary = await seedLarge(db.url, scaledSizes(Number(process.env.BENCH_SCALE ?? 1)), (s) =>
    console.log(`${((Date.now() - started) / 1000).toFixed(0)}s ${s}`),
  );
  const seq = summary.sequenceIds[0]!;
  const mid = (
    await client.query<{ id: string }>(
      "SELECT id FROM enrollments WHERE sequence_id = $1 AND status = 'active' ORDER BY id LIMIT 1 OFFSET 10000",
      [seq],
    )
  ).rows[0]!.id;
  const version = (
    await client.query<{ id: string }>("SELECT id FROM sequence_versions WHERE sequence_id = $1 AND number = 3", [seq])
  ).rows[0]!.id;
  const detail = (
    await client.query<{ id: string }>(
      "SELECT id FROM enrollments WHERE sequence_id = $1 AND status = 'completed' ORDER BY current_step_index DESC LIMIT 1",
      [seq],
    )
  ).rows[0]!.id;
  const explain = async (label: string, sql: string, params: unknown[]) => {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    console.log(`\n=== ${label}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
  };
  for (let i = 0; i < 2; i++) {
    await explain("list: sequence + active (first page)", LIST.replace("@@EXTRA@@", ""), [seq]);
    await explain("list: sequence + active, page after 10,000 rows", LIST.replace("@@EXTRA@@", "AND e.id < $2::uuid"), [
      seq,
      mid,
    ]);
    await explain(
      "list: sequence + version 3 + active",
      LIST.replace("@@EXTRA@@", "AND e.sequence_version_id = $2::uuid"),
      [seq, version],
    );
    await explain(
      "list: sequence + active + step s0-k4",
      LIST.replace("@@EXTRA@@", "AND e.current_step_key = 's0-k4'"),
      [seq],
    );
    await explain("version counts", COUNTS, [seq]);
    await explain(
      "detail: timeline",
      `SELECT * FROM enrollment_events WHERE enrollment_id = $1 ORDER BY at DESC, id DESC LIMIT 500`,
      [detail],
    );
    await explain("detail: messages", `SELECT id FROM messages WHERE enrollment_id = $1 ORDER BY id DESC LIMIT 500`, [
      detail,
    ]);
  }
  await client.end();
} finally {
  await db.stop();
}
