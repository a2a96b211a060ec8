import { vi } from "vitest";
import type { SessionUser } from "@/lib/server/session";

/**
 * Actions read the session from next-auth's cookie, which only exists inside a request.
 * Tests decide whose session it is; everything after that (re-reading the user and role from
 * PostgreSQL, role checks, zod parsing, services) runs for real.
 */
const signedIn: { id: string | null } = { id: null };

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (signedIn.id ? { user: { id: signedIn.id }, expires: "2099-01-01T00:00:00Z" } : null),
}));

export function signInAs(user: Pick<SessionUser, "id"> | null): void {
  signedIn.id = user?.id ?? null;
}
