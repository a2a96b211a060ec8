"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { DateTime } from "@/components/ui/date-time";
import { listNotificationsAction, markNotificationsReadAction } from "@/lib/actions/notifications";

const POLL_MS = 30_000;
const KEY = ["notifications"] as const;

/**
 * The bell in the top nav: the unread count in its accessible name ("Notifications, 3 unread"),
 * polled every 30 s, and a panel with the newest notifications, mark-as-read and mark-all-read.
 * The actions only ever read and mark the signed-in user's own notifications.
 */
export function NotificationBell() {
  const queryClient = useQueryClient();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wrapperRef = useRef<HTMLDivElement>(null);

  const list = useQuery({
    queryKey: KEY,
    refetchInterval: POLL_MS,
    queryFn: async () => {
      const result = await listNotificationsAction({});
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
  });
  const mark = useMutation({
    mutationFn: async (ids: string[] | "all") => {
      const result = await markNotificationsReadAction({ ids });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!wrapperRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];
  const label = `Notifications, ${unread} unread`;

  return (
    <div
      ref={wrapperRef}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        onClick={() => {
          setOpen((o) => !o);
          if (!open) void list.refetch();
        }}
        className="relative rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
          <path d="M10 2a5 5 0 0 0-5 5v2.6c0 .5-.2 1-.5 1.4L3.3 12.6A1 1 0 0 0 4.1 14h11.8a1 1 0 0 0 .8-1.6L15.5 11c-.3-.4-.5-.9-.5-1.4V7a5 5 0 0 0-5-5Zm-2 13a2 2 0 0 0 4 0H8Z" />
        </svg>
        {unread > 0 ? (
          <span
            aria-hidden="true"
            data-testid="notification-count"
            className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id={panelId}
          role="region"
          aria-label="Notifications"
          className="absolute right-0 z-40 mt-2 w-96 rounded-lg bg-white shadow-lg ring-1 ring-slate-200"
          data-testid="notification-panel"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2">
            <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
            <button
              type="button"
              className="rounded text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:text-slate-400 disabled:no-underline"
              disabled={unread === 0 || mark.isPending}
              onClick={() => mark.mutate("all")}
            >
              Mark all as read
            </button>
          </div>
          {list.isError ? (
            <p role="alert" className="px-4 py-3 text-sm text-red-700">
              Could not load notifications: {list.error.message}
            </p>
          ) : items.length === 0 ? (
            <p className="px-4 py-6 text-center text-sm text-slate-600">Nothing yet.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {items.map((n) => (
                <li key={n.id} className={`flex gap-2 px-4 py-3 ${n.readAt ? "" : "bg-indigo-50/60"}`}>
                  <div className="min-w-0 flex-1">
                    <Link
                      href={n.link}
                      className="block text-sm text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                      onClick={() => {
                        setOpen(false);
                        if (!n.readAt) mark.mutate([n.id]);
                      }}
                    >
                      {n.readAt ? null : <span className="sr-only">Unread: </span>}
                      {n.title}
                    </Link>
                    <DateTime value={n.createdAt} className="text-xs text-slate-500" />
                  </div>
                  {n.readAt ? null : (
                    <button
                      type="button"
                      className="shrink-0 self-start rounded text-xs text-slate-600 hover:text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                      onClick={() => mark.mutate([n.id])}
                      disabled={mark.isPending}
                    >
                      Mark as read
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
