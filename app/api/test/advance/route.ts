// Test-only control for the e2e specs: moves the step runner's clock forward and runs the runner
// in this process until nothing is due, then delivers what it queued. It exists only when
// SEQUENCER_TEST_CONTROLS=1 (the e2e server); anywhere else it is a 404 like any unknown URL.
import { readFileSync, writeFileSync } from "node:fs";
import { NextResponse } from "next/server";
import { z } from "zod";
import { clockFromEnv } from "@/lib/engine/clock";
import { drainDeliveries } from "@/lib/engine/deliver-messages";
import { createPool } from "@/lib/engine/pool";
import { drainDue } from "@/lib/engine/run-batch";
import { transportsFor } from "@/lib/engine/transports";
import { currentUser } from "@/lib/server/session";

export const dynamic = "force-dynamic";

const inputSchema = z.object({
  minutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 400),
});

// Without SEQUENCER_CLOCK_FILE the shift lives in this process only (the worker then runs on real time).
const memory = globalThis as unknown as { sequencerTestClockOffsetMs?: number };

/** Shifts the clock by `ms`, keeping the file's format (an ISO instant stays an instant, an offset an offset). */
function advanceClock(ms: number): Date {
  const file = process.env.SEQUENCER_CLOCK_FILE;
  if (!file) {
    memory.sequencerTestClockOffsetMs = (memory.sequencerTestClockOffsetMs ?? 0) + ms;
    return new Date(Date.now() + memory.sequencerTestClockOffsetMs);
  }
  const now = clockFromEnv().now();
  let text = "";
  try {
    text = readFileSync(file, "utf8").trim();
  } catch {
    // No file yet: real time, offset 0.
  }
  const isInstant = text !== "" && !/^[+-]?\d+$/.test(text) && !Number.isNaN(new Date(text).getTime());
  const next = isInstant ? new Date(now.getTime() + ms).toISOString() : `+${(text === "" ? 0 : Number(text)) + ms}`;
  writeFileSync(file, next);
  return clockFromEnv().now();
}

export async function POST(request: Request) {
  if (process.env.SEQUENCER_TEST_CONTROLS !== "1") return new NextResponse("Not found", { status: 404 });
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  if (user.role !== "admin") return NextResponse.json({ error: "Admins only." }, { status: 403 });
  const parsed = inputSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: "Send { minutes: <whole number ≥ 0> }." }, { status: 400 });

  const now = advanceClock(parsed.data.minutes * 60_000);
  const pool = createPool({ max: 2 });
  const transports = transportsFor({ smtpUrl: process.env.SMTP_URL ?? null });
  try {
    const advanced = await drainDue({ pool, now });
    // Deliver at once instead of waiting for the worker's next poll: both claim with SKIP LOCKED
    // and only queued rows, so the two never send a message twice. A failed send is scheduled
    // for a retry (backoff) like the worker's own.
    const delivered = await drainDeliveries({ pool, now, transportFor: transports.transportFor });
    return NextResponse.json({ now: now.toISOString(), advanced, delivered });
  } finally {
    transports.close();
    await pool.end();
  }
}
