// The test-only runner control must not exist outside e2e runs, and only admins may use it.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { POST } from "@/app/api/test/advance/route";
import { db } from "@/lib/server/db";
import { makeUser } from "./support/factories";

const dir = mkdtempSync(path.join(os.tmpdir(), "sequencer-clock-"));
const call = (body: unknown) =>
  POST(
    new Request("http://localhost/api/test/advance", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    }),
  );

afterEach(() => {
  delete process.env.SEQUENCER_TEST_CONTROLS;
  delete process.env.SEQUENCER_CLOCK_FILE;
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db().$disconnect();
});

describe("/api/test/advance", () => {
  it("is a 404 unless SEQUENCER_TEST_CONTROLS=1, even for an admin", async () => {
    signInAs(await makeUser("admin"));
    expect((await call({ minutes: 60 })).status).toBe(404);
  });

  it("refuses anonymous callers and non-admins, and validates its input", async () => {
    process.env.SEQUENCER_TEST_CONTROLS = "1";
    signInAs(null);
    expect((await call({ minutes: 60 })).status).toBe(401);
    signInAs(await makeUser("editor"));
    expect((await call({ minutes: 60 })).status).toBe(403);
    signInAs(await makeUser("admin"));
    expect((await call({ minutes: -5 })).status).toBe(400);
  });

  it("moves the shared clock file forward for an admin", async () => {
    process.env.SEQUENCER_TEST_CONTROLS = "1";
    process.env.SEQUENCER_CLOCK_FILE = path.join(dir, "clock");
    signInAs(await makeUser("admin"));
    const response = await call({ minutes: 60 * 24 * 2 });
    expect(response.status).toBe(200);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(process.env.SEQUENCER_CLOCK_FILE, "utf8")).toBe(`+${2 * 24 * 60 * 60 * 1000}`);
  });
});
