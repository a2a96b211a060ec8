import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import type { Role } from "@/lib/domain/roles";
import { sessionCookie } from "@/lib/domain/session-cookie";
import { db } from "./db";
import { checkLoginThrottle, clientIp, recordLoginFailure, recordLoginSuccess } from "./login-throttle";
import { verifyPassword } from "./passwords";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

function secret(): string | undefined {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value && process.env.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET must be set in production (any long random string).");
  }
  return value;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin" },
  get secret() {
    return secret();
  },
  // Read at request time like the secret, so the deployment's NEXTAUTH_URL decides Secure.
  get cookies() {
    return { sessionToken: sessionCookie(process.env.NEXTAUTH_URL) };
  },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const ip = clientIp(req?.headers);
        const throttle = await checkLoginThrottle(email, ip);
        // next-auth hands a thrown error's message to the sign-in form.
        if (!throttle.allowed) throw new Error(throttle.reason);
        const user = await db().user.findUnique({ where: { email } });
        if (!user || !(await verifyPassword(password, user.passwordHash))) {
          await recordLoginFailure(email, ip);
          return null;
        }
        await recordLoginSuccess(email);
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = (user as { role?: Role }).role;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = token.uid as string;
        session.user.role = token.role as Role;
      }
      return session;
    },
  },
};
