/**
 * The session cookie: never readable by scripts, not sent on cross-site subrequests, and
 * Secure (with the __Secure- prefix browsers enforce) whenever the app is served over https,
 * as it must be in production. Plain http is only for local development and tests.
 */
export function sessionCookie(publicUrl: string | undefined) {
  const secure = (publicUrl ?? "").startsWith("https://");
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}
