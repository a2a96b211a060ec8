import "server-only";
import { LOGIN_WINDOW_MINUTES, throttleDecision, type ThrottleDecision } from "@/lib/domain/login-throttle";
import { db } from "./db";

function windowStart(now: Date): Date {
  return new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
}

/** Counted in PostgreSQL, not in memory, so the limit holds across every app server. */
export async function checkLoginThrottle(email: string, ip: string, now = new Date()): Promise<ThrottleDecision> {
  const since = windowStart(now);
  const [accountFailures, ipFailures] = await Promise.all([
    db().loginAttempt.count({ where: { email, at: { gte: since } } }),
    db().loginAttempt.count({ where: { ip, at: { gte: since } } }),
  ]);
  return throttleDecision({ accountFailures, ipFailures });
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  await db().loginAttempt.create({ data: { email, ip } });
}

/** A successful sign-in clears the account's failures; old rows of any kind are pruned. */
export async function recordLoginSuccess(email: string, now = new Date()): Promise<void> {
  await db().loginAttempt.deleteMany({ where: { OR: [{ email }, { at: { lt: windowStart(now) } }] } });
}

/** The client address as seen by the first proxy (set X-Forwarded-For at your load balancer). */
export function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  const real = headers?.["x-real-ip"];
  return first || (Array.isArray(real) ? real[0] : real) || "unknown";
}
