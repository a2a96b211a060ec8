/** Failed sign-ins allowed inside the window before further attempts are refused. */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export type ThrottleDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * Per account stops guessing one password; per IP stops spraying many accounts from one place.
 * Both count only failures inside the window, so the lock lifts by itself.
 */
export function throttleDecision(recent: { accountFailures: number; ipFailures: number }): ThrottleDecision {
  if (recent.accountFailures >= MAX_FAILURES_PER_ACCOUNT) {
    return {
      allowed: false,
      reason: `Too many failed sign-ins for this account. Wait ${LOGIN_WINDOW_MINUTES} minutes and try again.`,
    };
  }
  if (recent.ipFailures >= MAX_FAILURES_PER_IP) {
    return {
      allowed: false,
      reason: `Too many failed sign-ins from your network. Wait ${LOGIN_WINDOW_MINUTES} minutes and try again.`,
    };
  }
  return { allowed: true };
}
