"use client";
import { useEffect, type ReactNode } from "react";

/**
 * One transient message at the bottom of the screen. It lives in a polite live region so screen
 * readers hear it, and it dismisses itself after `duration` ms (the Undo window).
 */
export function Toast({
  message,
  action,
  duration = 6000,
  onDismiss,
}: {
  message: ReactNode;
  action?: ReactNode;
  duration?: number;
  onDismiss: () => void;
}) {
  useEffect(() => {
    const timer = window.setTimeout(onDismiss, duration);
    return () => window.clearTimeout(timer);
  }, [duration, onDismiss]);

  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-6 z-50 flex justify-center px-4">
      <div
        role="status"
        className="pointer-events-auto flex items-center gap-4 rounded-lg bg-slate-900 px-4 py-3 text-sm text-white shadow-lg"
      >
        <span>{message}</span>
        {action}
        <button
          type="button"
          onClick={onDismiss}
          aria-label="Dismiss"
          className="rounded px-1 text-slate-300 hover:text-white"
        >
          ✕
        </button>
      </div>
    </div>
  );
}
