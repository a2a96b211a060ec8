"use client";
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { saveDraftAction } from "@/lib/actions/sequences";
import type { DraftContent } from "@/lib/domain/draft";

export type SaveStatus = "saved" | "dirty" | "saving" | "conflict" | "error";
export type DraftConflict = { savedBy: string | null; savedAt: string | null; message: string };

const DEBOUNCE_MS = 800;

type SaveFailure = { code: string; error: string; details?: unknown };

class SaveError extends Error {
  constructor(readonly failure: SaveFailure) {
    super(failure.error);
  }
}

function conflictOf(failure: SaveFailure): DraftConflict {
  const details = (typeof failure.details === "object" && failure.details !== null ? failure.details : {}) as {
    savedBy?: unknown;
    savedAt?: unknown;
  };
  return {
    savedBy: typeof details.savedBy === "string" ? details.savedBy : null,
    savedAt: typeof details.savedAt === "string" ? details.savedAt : null,
    message: failure.error,
  };
}

/**
 * The draft as the editor holds it, saved in the background ~800 ms after the last change.
 * Saves are serialised (one request in flight; edits made meanwhile go in the next one) because
 * each save must carry the revision the previous one returned: that is the optimistic lock.
 */
export function useAutosavedDraft({
  sequenceId,
  initialDraft,
  initialRevision,
}: {
  sequenceId: string;
  initialDraft: DraftContent;
  initialRevision: number;
}) {
  const [draft, setDraft] = useState(initialDraft);
  const [revision, setRevision] = useState(initialRevision);
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [conflict, setConflict] = useState<DraftConflict | null>(null);
  const [error, setError] = useState<string | null>(null);

  const draftRef = useRef(initialDraft);
  const revisionRef = useRef(initialRevision);
  const dirty = useRef(false);
  const inFlight = useRef(false);
  const stopped = useRef(false);
  const timer = useRef<number | null>(null);

  const { mutateAsync } = useMutation({
    mutationFn: async (input: { sequenceId: string; revision: number; draft: DraftContent }) => {
      const result = await saveDraftAction(input);
      if (!result.ok) throw new SaveError(result);
      return result.data;
    },
  });

  const flush = useCallback(async () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current || stopped.current || !dirty.current) return;
    inFlight.current = true;
    try {
      while (dirty.current && !stopped.current) {
        dirty.current = false;
        setStatus("saving");
        try {
          const saved = await mutateAsync({ sequenceId, revision: revisionRef.current, draft: draftRef.current });
          revisionRef.current = saved.revision;
          setRevision(saved.revision);
          setError(null);
        } catch (caught) {
          const failure: SaveFailure =
            caught instanceof SaveError
              ? caught.failure
              : { code: "internal", error: "Could not reach the server. Your changes are kept here; we will retry." };
          if (failure.code === "conflict") {
            stopped.current = true;
            setConflict(conflictOf(failure));
            setStatus("conflict");
          } else {
            // Keep the edits marked unsaved; the next change (or Retry) sends them again.
            dirty.current = true;
            setError(failure.error);
            setStatus("error");
          }
          return;
        }
      }
      setStatus("saved");
    } finally {
      inFlight.current = false;
    }
  }, [mutateAsync, sequenceId]);

  const update = useCallback(
    (change: (current: DraftContent) => DraftContent) => {
      if (stopped.current) return;
      const next = change(draftRef.current);
      draftRef.current = next;
      dirty.current = true;
      setDraft(next);
      setStatus((s) => (s === "saving" ? s : "dirty"));
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  // Leaving with unsaved edits would drop them silently; the browser asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if ((dirty.current || inFlight.current) && !stopped.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, []);

  return { draft, revision, status, conflict, error, update, flush };
}
