"use client";

// next-auth's client module (its SessionProvider and helpers) loads only when "Sign out" is pressed,
// not with every page of the app; signOut still fetches the CSRF token and posts it as before.
export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void import("next-auth/react").then(({ signOut }) => signOut({ callbackUrl: "/signin" }))}
      className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      Sign out
    </button>
  );
}
