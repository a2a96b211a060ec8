import type { Metadata } from "next";
import { findUnsubscribeTarget } from "@/lib/server/unsubscribe-links/find-unsubscribe-subject";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false, follow: false } };

// Public (no session): the signed token in the path is the only credential. GET only reads; the
// button POSTs to the same address (proxy.ts hands POSTs to ./one-click), so a link scanner that
// fetches the page unsubscribes nobody.
export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { token } = await params;
  const { done } = await searchParams;
  const target = await findUnsubscribeTarget(token);
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-md rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        {!target ? (
          <>
            <h1 className="text-lg font-semibold text-slate-900">This unsubscribe link is not valid</h1>
            <p className="mt-2 text-sm text-slate-700">
              The link may have been cut off or changed. Nothing was changed. Use the unsubscribe link in the most
              recent email you received, or reply to that email and ask to be removed.
            </p>
          </>
        ) : target.unsubscribedAt || done ? (
          <>
            <h1 className="text-lg font-semibold text-slate-900">You are unsubscribed</h1>
            <p className="mt-2 text-sm text-slate-700" data-testid="unsubscribe-done">
              {target.maskedEmail} will get no more emails or messages from {target.organizationName}.
            </p>
          </>
        ) : (
          <>
            <h1 className="text-lg font-semibold text-slate-900">
              Unsubscribe {target.maskedEmail} from all {target.organizationName} emails?
            </h1>
            <p className="mt-2 text-sm text-slate-700">
              You will stop receiving every sequence from {target.organizationName}, including any messages already
              scheduled.
            </p>
            <form method="post" action={`/u/${encodeURIComponent(token)}`} className="mt-5">
              <input type="hidden" name="confirm" value="yes" />
              <button
                type="submit"
                className="inline-flex items-center rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 focus-visible:ring-2 focus-visible:ring-slate-900 focus-visible:ring-offset-2 focus-visible:outline-none"
              >
                Unsubscribe
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
