"use client";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import type { DraftConflict } from "./use-autosaved-draft";

export function ConflictBanner({ conflict }: { conflict: DraftConflict }) {
  return (
    <div
      role="alert"
      data-testid="conflict-banner"
      className="mb-6 flex flex-wrap items-center justify-between gap-4 rounded-lg bg-red-50 px-4 py-3 ring-1 ring-red-200"
    >
      <div className="text-sm text-red-900">
        <p className="font-semibold">
          {conflict.savedBy ?? "Someone else"} saved this draft
          {conflict.savedAt ? (
            <>
              {" "}
              at <DateTime value={conflict.savedAt} />
            </>
          ) : (
            ""
          )}{" "}
          after you opened it.
        </p>
        <p className="mt-0.5">Your latest changes were not saved. Reload to continue from their version.</p>
      </div>
      <Button variant="danger" onClick={() => window.location.reload()}>
        Reload
      </Button>
    </div>
  );
}
