import { inject, vi } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
// Only for tests that need the owner (test-only triggers, terminating backends, migrations).
process.env.OWNER_DATABASE_URL = inject("ownerDatabaseUrl");

// Server actions call revalidatePath, which needs a Next request; outside Next it is a no-op.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
