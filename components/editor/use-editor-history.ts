"use client";
import { useCallback, useRef, useState } from "react";
import type { DraftContent } from "@/lib/domain/draft";
import { emptyHistory, recordEdit, redo, undo } from "@/lib/domain/draft-edits";

type Update = (change: (current: DraftContent) => DraftContent) => void;

/**
 * Undo/redo over the autosaved draft: `edit` records the draft it replaces (typing in one field
 * within a second is one entry), `undo`/`redo` swap drafts through the same autosave.
 */
export function useEditorHistory(update: Update) {
  const history = useRef(emptyHistory());
  const [counts, setCounts] = useState({ undo: 0, redo: 0 });
  const sync = () => setCounts({ undo: history.current.past.length, redo: history.current.future.length });

  const edit = useCallback(
    (change: (current: DraftContent) => DraftContent, group: string | null = null) => {
      update((current) => {
        const next = change(current);
        if (next !== current) history.current = recordEdit(history.current, current, group, Date.now());
        return next;
      });
      sync();
    },
    [update],
  );

  const step = useCallback(
    (direction: "undo" | "redo"): boolean => {
      let moved = false;
      update((current) => {
        const result = direction === "undo" ? undo(history.current, current) : redo(history.current, current);
        if (!result) return current;
        history.current = result.history;
        moved = true;
        return result.draft;
      });
      sync();
      return moved;
    },
    [update],
  );

  return {
    edit,
    undo: useCallback(() => step("undo"), [step]),
    redo: useCallback(() => step("redo"), [step]),
    canUndo: counts.undo > 0,
    canRedo: counts.redo > 0,
  };
}
