// Demo data for `npm run dev`: runs only on an empty database and never duplicates rows.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { hashPassword } from "../lib/server/passwords";

export const DEMO_USERS = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin", password: "admin-password" },
  { email: "editor@example.com", name: "Eddie Editor", role: "editor", password: "editor-password" },
  { email: "viewer@example.com", name: "Vera Viewer", role: "viewer", password: "viewer-password" },
] as const;

const FIRST = ["Alice", "Bruno", "Chen", "Dana", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemi", "Luca"];
const LAST = ["Martin", "Okafor", "Silva", "Novak", "Tanaka", "Berg"];

/** The demo history's sign-ups (about 450), and three whose addresses bounce. */
function historyContacts() {
  const people = Array.from({ length: 456 }, (_, n) => {
    const first = FIRST[n % FIRST.length]!;
    const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
    return {
      email: `${first}.${last}.${n}@example.com`.toLowerCase(),
      firstName: first,
      lastName: last,
      phone: `+1555${String(100000 + n).padStart(7, "0")}`,
    };
  });
  const bouncing = ["Quinn", "Rosa", "Sami"].map((first, i) => ({
    email: `${first.toLowerCase()}@mailbox-gone.example.invalid`,
    firstName: first,
    lastName: "Gone",
    phone: `+15559990${i}`,
  }));
  return [...people, ...bouncing];
}

/**
 * Seeds an empty database. `withSequences` adds the demo welcome series (dev only; tests build
 * their own data). Services read DATABASE_URL, so run under `tsx --conditions=react-server`.
 */
export async function seedDemo(
  connectionString: string,
  options: { withSequences?: boolean } = {},
): Promise<{ seeded: boolean }> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    if ((await prisma.user.count()) > 0) return { seeded: false };
    for (const u of DEMO_USERS) {
      await prisma.user.upsert({
        where: { email: u.email },
        update: {},
        create: { email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password) },
      });
    }
    const contacts = FIRST.flatMap((first, i) =>
      LAST.slice(0, 2).map((last, j) => ({
        email: `${first}.${last}${i}${j}@example.com`.toLowerCase(),
        firstName: first,
        lastName: last,
        phone: `+1555010${String(i * 2 + j).padStart(2, "0")}`,
      })),
    );
    if (options.withSequences) contacts.push(...historyContacts());
    await prisma.contact.createMany({ data: contacts, skipDuplicates: true });
    if (options.withSequences) {
      process.env.DATABASE_URL ??= connectionString;
      const { seedDemoSequence, DEMO_POSTAL_ADDRESS } = await import("./seed-demo-sequence");
      // The guardrails ask every email for the organisation's postal address: the demo has one.
      await prisma.organizationSettings.update({
        where: { id: true },
        data: { name: "Acme Inc.", postalAddress: DEMO_POSTAL_ADDRESS },
      });
      const editor = await prisma.user.findUniqueOrThrow({ where: { email: "editor@example.com" } });
      const all = await prisma.contact.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true } });
      await seedDemoSequence({
        actorId: editor.id,
        contactIds: all.filter((c) => !c.email.endsWith(".invalid")).map((c) => c.id),
        failingContactIds: all.filter((c) => c.email.endsWith(".invalid")).map((c) => c.id),
        connectionString,
      });
    }
    return { seeded: true };
  } finally {
    await prisma.$disconnect();
  }
}
