"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { inputClass, Select } from "@/components/ui/field";
import { LimitedTextInput } from "@/components/ui/limited-text";
import { MAILBOX_FILTER_KEYS, MAILBOX_SEARCH_MAX } from "@/lib/domain/mailbox-filter-keys";

export type MailboxFilterValue = Record<(typeof MAILBOX_FILTER_KEYS)[number], string>;

const EMPTY: MailboxFilterValue = { q: "", sequence: "", version: "", channel: "", status: "", from: "", to: "" };
/** Typing pauses this long before the list follows (search text, and dates typed digit by digit). */
const DEBOUNCE_MS = 350;

export function mailboxHref(value: MailboxFilterValue): string {
  const search = new URLSearchParams();
  for (const key of MAILBOX_FILTER_KEYS) if (value[key].trim()) search.set(key, value[key].trim());
  const query = search.toString();
  return query ? `/messages?${query}` : "/messages";
}

/**
 * The mailbox filters apply as they are chosen: each change replaces the URL (the page reads its
 * search parameters), selects at once, text and dates after a pause. Pagination restarts on every
 * change. Without JavaScript the form still submits as a plain GET (Enter, or the Search button).
 */
export function MailboxFilters({
  sequences,
  versions,
  value,
}: {
  sequences: { id: string; name: string }[];
  /** The chosen sequence's versions, newest first (empty when no sequence is chosen). */
  versions: { id: string; number: number }[];
  value: MailboxFilterValue;
}) {
  const router = useRouter();
  const [state, setState] = useState<MailboxFilterValue>(value);
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // Back/forward or a link changed the URL: follow it, except the text being typed right now.
  const propKey = JSON.stringify(value);
  useEffect(() => {
    const next = JSON.parse(propKey) as MailboxFilterValue;
    setState((current) => ({
      ...next,
      q: document.activeElement === searchRef.current ? current.q : next.q,
    }));
  }, [propKey]);
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);

  const navigate = (next: MailboxFilterValue) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    startTransition(() => router.replace(mailboxHref(next), { scroll: false }));
  };
  const change = (patch: Partial<MailboxFilterValue>, debounce = false) => {
    const next = { ...state, ...patch };
    setState(next);
    if (!debounce) return navigate(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => navigate(next), DEBOUNCE_MS);
  };
  const active = MAILBOX_FILTER_KEYS.some((key) => state[key] !== "");

  return (
    <form
      method="get"
      action="/messages"
      role="search"
      aria-label="Filter messages"
      className="mb-4 space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      onSubmit={(event) => {
        event.preventDefault();
        navigate(state);
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1 space-y-1">
          <label htmlFor="mailbox-q" className="block text-sm font-medium text-slate-700">
            Search
          </label>
          <LimitedTextInput
            ref={searchRef}
            id="mailbox-q"
            name="q"
            type="search"
            max={MAILBOX_SEARCH_MAX}
            label="Search"
            placeholder="Contact name or email, or subject (starts with)"
            value={state.q}
            onValueChange={(q) => change({ q }, true)}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="mailbox-from" className="block text-sm font-medium text-slate-700">
            From
          </label>
          <input
            id="mailbox-from"
            type="date"
            name="from"
            className={`${inputClass} w-40`}
            value={state.from}
            max={state.to || undefined}
            onChange={(e) => change({ from: e.target.value }, true)}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="mailbox-to" className="block text-sm font-medium text-slate-700">
            To
          </label>
          <input
            id="mailbox-to"
            type="date"
            name="to"
            className={`${inputClass} w-40`}
            value={state.to}
            min={state.from || undefined}
            onChange={(e) => change({ to: e.target.value }, true)}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-64 space-y-1">
          <label htmlFor="mailbox-sequence" className="block text-sm font-medium text-slate-700">
            Sequence
          </label>
          <Select
            id="mailbox-sequence"
            name="sequence"
            value={state.sequence}
            onChange={(e) => change({ sequence: e.target.value, version: "" })}
          >
            <option value="">All sequences</option>
            {sequences.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-36 space-y-1">
          <label htmlFor="mailbox-version" className="block text-sm font-medium text-slate-700">
            Version
          </label>
          <Select
            id="mailbox-version"
            name="version"
            value={state.version}
            disabled={!state.sequence}
            title={state.sequence ? undefined : "Choose a sequence first"}
            onChange={(e) => change({ version: e.target.value })}
          >
            <option value="">{state.sequence ? "All versions" : "Any"}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                v{v.number}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-40 space-y-1">
          <label htmlFor="mailbox-channel" className="block text-sm font-medium text-slate-700">
            Channel
          </label>
          <Select
            id="mailbox-channel"
            name="channel"
            value={state.channel}
            onChange={(e) => change({ channel: e.target.value })}
          >
            <option value="">Any channel</option>
            <option value="email">Email</option>
            <option value="sms">SMS</option>
          </Select>
        </div>
        <div className="w-36 space-y-1">
          <label htmlFor="mailbox-status" className="block text-sm font-medium text-slate-700">
            Status
          </label>
          <Select
            id="mailbox-status"
            name="status"
            value={state.status}
            onChange={(e) => change({ status: e.target.value })}
          >
            <option value="">Any status</option>
            <option value="queued">Queued</option>
            <option value="sent">Sent</option>
            <option value="failed">Failed</option>
          </Select>
        </div>
        <button type="submit" className={`${buttonClass("secondary")} sr-only focus:not-sr-only`}>
          Search
        </button>
        {active ? (
          <button
            type="button"
            className={buttonClass("ghost")}
            onClick={() => {
              setState(EMPTY);
              navigate(EMPTY);
            }}
          >
            Clear filters
          </button>
        ) : null}
        <span role="status" aria-live="polite" className="ml-auto text-xs text-slate-500">
          {pending ? "Updating…" : ""}
        </span>
      </div>
    </form>
  );
}
