import { afterAll, describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_ACCOUNT } from "@/lib/domain/login-throttle";
import { authOptions } from "@/lib/server/auth";
import { db } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/passwords";
import { uniqueEmail } from "./support/factories";

type Authorize = (
  credentials: Record<string, string>,
  req: { headers: Record<string, string> },
) => Promise<{ id: string } | null>;
// The credentials provider keeps the user-supplied authorize in `options`.
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

afterAll(async () => {
  await db().$disconnect();
});

describe("sign-in rate limiting (real users and login_attempts tables)", () => {
  it("signs in with the right password and refuses a wrong one", async () => {
    const email = uniqueEmail("login");
    await db().user.create({
      data: { email, name: "L", role: "viewer", passwordHash: await hashPassword("right-password") },
    });
    const req = { headers: { "x-forwarded-for": "203.0.113.10" } };
    expect(await authorize({ email, password: "right-password" }, req)).toMatchObject({ email });
    expect(await authorize({ email, password: "wrong" }, req)).toBeNull();
  });

  it("locks an account after repeated failures, even with the right password, and says why", async () => {
    const email = uniqueEmail("locked");
    await db().user.create({
      data: { email, name: "L", role: "viewer", passwordHash: await hashPassword("right-password") },
    });
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(
        await authorize({ email, password: `wrong-${i}` }, { headers: { "x-forwarded-for": `198.51.100.${i}` } }),
      ).toBeNull();
    }
    await expect(
      authorize({ email, password: "right-password" }, { headers: { "x-forwarded-for": "198.51.100.99" } }),
    ).rejects.toThrow(/Too many failed sign-ins for this account/);
  });

  it("limits one IP spraying many accounts", async () => {
    const req = { headers: { "x-forwarded-for": "192.0.2.77, 10.0.0.1" } };
    for (let i = 0; i < 30; i++) await authorize({ email: uniqueEmail("spray"), password: "x" }, req);
    await expect(authorize({ email: uniqueEmail("spray"), password: "x" }, req)).rejects.toThrow(/from your network/);
    // Another address is unaffected.
    expect(
      await authorize({ email: uniqueEmail("other"), password: "x" }, { headers: { "x-forwarded-for": "192.0.2.78" } }),
    ).toBeNull();
  });
});

describe("the session cookie next-auth is given", () => {
  it("is Secure with the __Secure- prefix when the app is served over https, httpOnly and SameSite=Lax always", () => {
    const previous = process.env.NEXTAUTH_URL;
    try {
      process.env.NEXTAUTH_URL = "https://sequencer.example.com";
      expect(authOptions.cookies?.sessionToken).toMatchObject({
        name: "__Secure-next-auth.session-token",
        options: { secure: true, httpOnly: true, sameSite: "lax" },
      });
      process.env.NEXTAUTH_URL = "http://127.0.0.1:3100";
      expect(authOptions.cookies?.sessionToken).toMatchObject({
        name: "next-auth.session-token",
        options: { secure: false, httpOnly: true },
      });
    } finally {
      process.env.NEXTAUTH_URL = previous;
    }
  });
});
