"use client";

export const SHORTCUTS: readonly [keys: string, what: string][] = [
  ["Ctrl/⌘ + Z", "Undo the last change"],
  ["Ctrl/⌘ + Shift + Z, Ctrl + Y", "Redo"],
  ["Alt + Shift + E / S / W / T", "Add an email, SMS, wait or task step after the current one"],
  ["Alt + Shift + ↑ / ↓", "Move the current step up or down"],
  ["Alt + Shift + D", "Duplicate the current step"],
  ["Alt + Shift + Backspace", "Delete the current step (Undo brings it back)"],
  ["?", "Show or hide these shortcuts (outside a text field)"],
];

/** The editor's keyboard shortcuts, shown from the "Shortcuts" button or with "?". */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <section
      aria-labelledby="shortcut-help-title"
      data-testid="shortcut-help"
      className="mb-4 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200"
    >
      <div className="mb-2 flex items-center justify-between">
        <h2 id="shortcut-help-title" className="font-semibold text-slate-900">
          Keyboard shortcuts
        </h2>
        <button type="button" onClick={onClose} className="text-xs font-medium text-slate-600 hover:text-slate-900">
          Close
        </button>
      </div>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{keys}</kbd>
            </dt>
            <dd className="text-slate-700">{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
