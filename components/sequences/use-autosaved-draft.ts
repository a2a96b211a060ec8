"use client";
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { saveDraftAction } from "@/lib/actions/sequences";
import { callAction } from "@/lib/client/call-action";
import type { DraftContent } from "@/lib/domain/draft";

/**
 * "invalid": the server refused this draft (a field over its limit, too large a body): not saved
 * and never retried as is; the next edit tries again. "offline": no answer: retried on a timer.
 * "error": refused for another reason (signed out, no longer allowed): Retry is manual.
 */
export type SaveStatus = "saved" | "dirty" | "saving" | "conflict" | "invalid" | "offline" | "error";
export type DraftConflict = { savedBy: string | null; savedAt: string | null; message: string };

const DEBOUNCE_MS = 800;
const RETRY_MS = [2_000, 5_000, 10_000, 30_000];

type SaveFailure = { code: string; error: string; details?: unknown; fieldErrors?: Record<string, string[]> };

/** Server field errors ("draft.steps.3.subject") as the editor marks them ("<step key>:subject"). */
function stepFieldErrors(failure: SaveFailure, draft: DraftContent): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, messages] of Object.entries(failure.fieldErrors ?? {})) {
    const match = /^draft\.steps\.(\d+)\.(\w+)/.exec(path);
    const step = match ? draft.steps[Number(match[1])] : undefined;
    if (step && match && messages[0]) out.set(`${step.key}:${match[2]}`, messages[0]);
  }
  return out;
}

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
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const retries = useRef(0);
  const retryTimer = useRef<number | null>(null);

  const draftRef = useRef(initialDraft);
  const revisionRef = useRef(initialRevision);
  const dirty = useRef(false);
  const inFlight = useRef(false);
  const stopped = useRef(false);
  const timer = useRef<number | null>(null);

  const { mutateAsync } = useMutation({
    mutationFn: async (input: { sequenceId: string; revision: number; draft: DraftContent }) => {
      const result = await callAction(saveDraftAction, input);
      if (!result.ok) throw new SaveError(result);
      return result.data;
    },
  });

  const flush = useCallback(async () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    if (retryTimer.current !== null) window.clearTimeout(retryTimer.current);
    retryTimer.current = null;
    if (inFlight.current || stopped.current || !dirty.current) return;
    inFlight.current = true;
    try {
      while (dirty.current && !stopped.current) {
        dirty.current = false;
        setStatus("saving");
        const sent = draftRef.current;
        try {
          const saved = await mutateAsync({ sequenceId, revision: revisionRef.current, draft: sent });
          revisionRef.current = saved.revision;
          setRevision(saved.revision);
          setError(null);
          setServerErrors(new Map());
          retries.current = 0;
        } catch (caught) {
          const failure: SaveFailure =
            caught instanceof SaveError
              ? caught.failure
              : { code: "offline", error: "Could not reach the server. Your changes are kept here; we will retry." };
          // Keep the edits marked unsaved whatever happened.
          dirty.current = true;
          if (failure.code === "conflict") {
            stopped.current = true;
            setConflict(conflictOf(failure));
            setStatus("conflict");
          } else if (failure.code === "invalid" || failure.code === "too_large") {
            // Sending the same draft again would be refused again: wait for the next edit.
            setServerErrors(stepFieldErrors(failure, sent));
            setError(`Invalid, not saved: fix the fields marked. ${failure.error}`);
            setStatus("invalid");
          } else if (failure.code === "offline" || failure.code === "internal") {
            const delay = RETRY_MS[Math.min(retries.current, RETRY_MS.length - 1)]!;
            retries.current += 1;
            setError(`Offline, will retry in ${delay / 1000} s. Your changes are kept here.`);
            setStatus("offline");
            retryTimer.current = window.setTimeout(() => void flush(), delay);
          } else {
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
      if (next === draftRef.current) return;
      draftRef.current = next;
      dirty.current = true;
      setDraft(next);
      setStatus((s) => (s === "saving" ? s : "dirty"));
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  /** Saves now and waits for the answer: true when the draft on the server is the one shown. */
  const settle = useCallback(async (): Promise<boolean> => {
    for (let i = 0; i < 150; i++) {
      if (stopped.current) return false;
      if (!inFlight.current) {
        if (!dirty.current) return true;
        await flush();
        if (!inFlight.current) return !dirty.current;
      }
      await new Promise((resolve) => window.setTimeout(resolve, 100));
    }
    return false;
  }, [flush]);

  // Leaving with unsaved edits would drop them silently; the browser asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if ((dirty.current || inFlight.current) && !stopped.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("beforeunload", warn);
      if (timer.current !== null) window.clearTimeout(timer.current);
      if (retryTimer.current !== null) window.clearTimeout(retryTimer.current);
    };
  }, []);

  return { draft, revision, status, conflict, error, serverErrors, update, flush, settle };
}
