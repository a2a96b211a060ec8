"use client";
import { useEffect, useId, useState } from "react";
import { listMergeFieldsAction } from "@/lib/actions/sequences-editor";
import { callAction } from "@/lib/client/call-action";
import { CONTACT_MERGE_FIELDS } from "@/lib/domain/step-kinds";
import { LimitedTextInput } from "@/components/ui/limited-text";

let attributeKeys: Promise<string[] | string> | null = null;

/** Custom attribute keys present on contacts, fetched once per page load. */
function loadAttributeKeys(): Promise<string[] | string> {
  attributeKeys ??= callAction(listMergeFieldsAction, {}).then((r) => {
    if (r.ok) return r.data.attributes;
    attributeKeys = null;
    return r.error;
  });
  return attributeKeys;
}

export function mergeTag(key: string, fallback: string): string {
  const clean = fallback.replace(/["{}]/g, "").trim();
  return clean ? `{{${key} | "${clean}"}}` : `{{${key}}}`;
}

export function MergeFieldMenu({
  target,
  onPick,
  onClose,
}: {
  target: string;
  onPick: (tag: string) => void;
  onClose: () => void;
}) {
  const [fallback, setFallback] = useState("");
  const [custom, setCustom] = useState<string[] | string | null>(null);
  const fallbackId = useId();
  useEffect(() => {
    let live = true;
    void loadAttributeKeys().then((keys) => {
      if (live) setCustom(keys);
    });
    return () => {
      live = false;
    };
  }, []);

  const group = (title: string, keys: readonly string[]) => (
    <div className="px-2 py-1.5">
      <p className="px-1 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{title}</p>
      <div className="flex flex-wrap gap-1">
        {keys.map((key) => (
          <button
            key={key}
            type="button"
            data-testid="merge-field-option"
            onClick={() => onPick(mergeTag(key, fallback))}
            className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 hover:bg-indigo-100"
          >
            {key}
          </button>
        ))}
      </div>
    </div>
  );

  return (
    <div
      role="group"
      aria-label={`Merge fields for ${target}`}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="border-b border-slate-100 p-2">
        <label htmlFor={fallbackId} className="block text-xs font-medium text-slate-700">
          Fallback when empty (optional)
        </label>
        <LimitedTextInput
          id={fallbackId}
          max={100}
          label="Fallback"
          value={fallback}
          onValueChange={setFallback}
          placeholder="e.g. there"
          autoFocus
          className="mt-1 py-1 text-xs"
        />
      </div>
      {group("Contact", CONTACT_MERGE_FIELDS)}
      {group("Links", ["unsubscribe_url"])}
      {custom === null ? (
        <p className="px-3 py-2 text-xs text-slate-500">Loading custom attributes…</p>
      ) : typeof custom === "string" ? (
        <p role="alert" className="px-3 py-2 text-xs text-red-700">
          {custom}
        </p>
      ) : custom.length === 0 ? (
        <p className="px-3 py-2 text-xs text-slate-500">
          No custom attributes on contacts yet (CSV columns become them).
        </p>
      ) : (
        group("Custom attributes", custom)
      )}
      <div className="border-t border-slate-100 px-3 py-1.5 text-right">
        <button type="button" onClick={onClose} className="text-xs text-slate-600 hover:text-slate-900">
          Close
        </button>
      </div>
    </div>
  );
}
