"use client";
import { useCallback, useEffect, useRef } from "react";
import { formatCount } from "./format";

/** How a chunked run ended. Only chunks the server acknowledged count as done. */
export type ChunkOutcome =
  | { kind: "finished" }
  /** Stop (or Escape) was pressed; a chunk in flight at that moment may or may not have been saved. */
  | { kind: "stopped"; inFlight: boolean }
  /** The server answered with an error it meant (a DomainError, a refused role…). */
  | { kind: "refused"; error: string }
  /** The request itself failed: server gone, network down, no answer in time. */
  | { kind: "lost" };

type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string };

export type ChunkRunner = {
  /**
   * One server call. Resolves with its data; otherwise throws, ending the run: on an error
   * answer ("refused"), on a failed or unanswered request ("lost"), or at once when Stop is
   * pressed while it is pending ("stopped": the answer, if it ever comes, is ignored).
   */
  call<T>(request: () => Promise<ActionResult<T>>): Promise<T>;
  /** True once Stop was pressed; loops check it between chunks. */
  stopRequested(): boolean;
};

/** Long enough for a 5,000-contact chunk on a busy server; a dead one usually fails much sooner. */
const CHUNK_TIMEOUT_MS = 120_000;

class Interrupted extends Error {
  constructor(readonly outcome: ChunkOutcome) {
    super(outcome.kind);
  }
}

/**
 * Long client-side work in chunks (enroll, CSV import, migration apply), with one set of rules:
 * every await is guarded, so a lost request ends the run instead of freezing the dialog; Stop
 * works at any moment, even while a request hangs; and the caller counts only what the server
 * acknowledged, so "after N of M" is what was committed.
 */
export function useChunkedRun(): {
  run: (work: (runner: ChunkRunner) => Promise<void>) => Promise<ChunkOutcome>;
  stop: () => void;
} {
  const active = useRef<{ stop: () => void } | null>(null);
  // A dialog unmounted mid-run stops it, so nothing keeps calling the server behind the user's back.
  useEffect(() => () => active.current?.stop(), []);

  const run = useCallback(async (work: (runner: ChunkRunner) => Promise<void>): Promise<ChunkOutcome> => {
    let stopRequested = false;
    let pending = false;
    let onStop: () => void = () => {};
    const stopped = new Promise<"stop">((resolve) => (onStop = () => resolve("stop")));
    const handle = {
      stop: () => {
        stopRequested = true;
        onStop();
      },
    };
    active.current?.stop();
    active.current = handle;

    const runner: ChunkRunner = {
      stopRequested: () => stopRequested,
      async call<T>(request: () => Promise<ActionResult<T>>): Promise<T> {
        if (stopRequested) throw new Interrupted({ kind: "stopped", inFlight: false });
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<"timeout">(
          (resolve) => (timer = setTimeout(() => resolve("timeout"), CHUNK_TIMEOUT_MS)),
        );
        pending = true;
        let answer: ActionResult<T> | "stop" | "timeout";
        try {
          answer = await Promise.race([request(), stopped, timeout]);
        } catch {
          // fetch failed, or the server answered something that is not an action result.
          throw new Interrupted({ kind: "lost" });
        } finally {
          clearTimeout(timer);
          pending = false;
        }
        if (answer === "stop") throw new Interrupted({ kind: "stopped", inFlight: true });
        if (answer === "timeout") throw new Interrupted({ kind: "lost" });
        if (!answer.ok) throw new Interrupted({ kind: "refused", error: answer.error });
        return answer.data;
      },
    };

    try {
      await work(runner);
      return stopRequested ? { kind: "stopped", inFlight: pending } : { kind: "finished" };
    } catch (error) {
      if (error instanceof Interrupted) return error.outcome;
      return { kind: "lost" };
    } finally {
      if (active.current === handle) active.current = null;
    }
  }, []);

  const stop = useCallback(() => active.current?.stop(), []);
  return { run, stop };
}

/**
 * The sentence a dialog shows when a run did not finish, in the product's words:
 * "Lost contact after 5,000 of 10,001. Run it again: contacts already done are skipped."
 */
export function interruptionText(
  outcome: ChunkOutcome,
  progress: { done: number; total: number; rerun: string },
): string | null {
  const after = `after ${formatCount(progress.done)} of ${formatCount(progress.total)}`;
  switch (outcome.kind) {
    case "finished":
      return null;
    case "lost":
      return `Lost contact ${after}. ${progress.rerun}`;
    case "stopped":
      return outcome.inFlight
        ? `Stopped ${after}. The batch in progress when you stopped may have been saved too. ${progress.rerun}`
        : `Stopped ${after}. ${progress.rerun}`;
    case "refused":
      return `${outcome.error} (${after})`;
  }
}
