import type { SaveStatus } from "./use-autosaved-draft";

const TEXT: Record<SaveStatus, string> = {
  saved: "Saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  conflict: "Conflict",
  invalid: "Invalid, not saved: fix the fields marked",
  offline: "Offline, will retry",
  error: "Not saved",
};
const DOT: Record<SaveStatus, string> = {
  saved: "bg-green-500",
  dirty: "bg-amber-400",
  saving: "bg-indigo-500 animate-pulse",
  conflict: "bg-red-600",
  invalid: "bg-red-600",
  offline: "bg-amber-500",
  error: "bg-red-600",
};

export function SaveIndicator({ status }: { status: SaveStatus }) {
  return (
    <span
      role="status"
      data-testid="save-status"
      data-status={status}
      className="inline-flex items-center gap-2 text-sm text-slate-600"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${DOT[status]}`} />
      {TEXT[status]}
    </span>
  );
}
