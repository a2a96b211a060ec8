"use client";
import { useEffect, useMemo, useState } from "react";
import type { DraftContent } from "@/lib/domain/draft";
import type { DraftValidation } from "@/lib/domain/validate-draft";
import type { ActiveVersionRef } from "./draft-comparison";

type Checker = typeof import("./draft-comparison");

const PENDING: {
  validation: DraftValidation;
  comparison: { identical: boolean; text: string };
  errors: Map<string, string>;
} = {
  validation: { ok: false, errors: [] },
  comparison: { identical: false, text: "Checking the draft…" },
  errors: new Map(),
};

/**
 * Validation and the "identical to vN" check need the zod schemas; loading them after the first
 * paint keeps zod out of the editor's first-load JavaScript (see BENCHMARKS.md). Until then the
 * draft counts as unchecked, which only keeps Publish disabled for a moment.
 */
export function useDraftCheck(draft: DraftContent, active: ActiveVersionRef) {
  const [checker, setChecker] = useState<Checker | null>(null);
  useEffect(() => {
    let live = true;
    void import("./draft-comparison").then((module) => {
      if (live) setChecker(module);
    });
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => (checker ? checker.checkDraft(draft, active) : PENDING), [checker, draft, active]);
}
