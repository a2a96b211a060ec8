"use client";
import { Button } from "@/components/ui/button";

// One boundary for every signed-in page: the server logged the cause; the page only offers a way forward.
export default function AppError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg bg-white px-6 py-12 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold text-slate-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">Something went wrong on our side. Nothing was changed.</p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
