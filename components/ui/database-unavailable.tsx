"use client";
import { useEffect } from "react";
import { Button } from "./button";

const RETRY_MS = 5_000;

/**
 * Shown when the database dropped while this page was rendering (between two health probes of
 * the proxy, which otherwise answers 503 itself). Reloading lands on the proxy's 503 page while
 * the outage lasts and on the page itself once it is over.
 */
export function DatabaseUnavailable() {
  useEffect(() => {
    const timer = setTimeout(() => window.location.reload(), RETRY_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div
        role="alert"
        className="max-w-md rounded-xl bg-white px-8 py-10 text-center shadow-sm ring-1 ring-slate-200"
        data-testid="database-unavailable"
      >
        <h1 className="text-lg font-semibold text-slate-900">Database unavailable — retrying</h1>
        <p className="mt-2 text-sm text-slate-600">
          Sequencer cannot reach its database right now. Nothing you did was lost: work already saved stays saved.
        </p>
        <p className="mt-2 text-sm text-slate-600">This page retries by itself in a few seconds.</p>
        <Button className="mt-6" onClick={() => window.location.reload()}>
          Retry now
        </Button>
      </div>
    </main>
  );
}
