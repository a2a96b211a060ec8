import { inject, vi } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");

// Server actions call revalidatePath, which needs a Next request; outside Next it is a no-op.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
