"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** The shape every server action returns (lib/server/action-client.ts), as far as a section needs it. */
export type SaveResult = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/**
 * One card of Settings > Organization with its own form and Save button: each section saves only
 * its own fields, so a new section (e.g. Publishing) is one more component on the page.
 */
export function SettingsSection({
  title,
  description,
  onSave,
  children,
  testId,
}: {
  title: string;
  description: string;
  /** Calls the section's action; field errors come back keyed by field name. */
  onSave: () => Promise<SaveResult>;
  children: (errors: Record<string, string[]>) => ReactNode;
  testId?: string;
}) {
  const router = useRouter();
  const headingId = useId();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const result = await onSave();
    setPending(false);
    if (result.ok) {
      setErrors({});
      setMessage({ ok: true, text: "Saved." });
      router.refresh();
    } else {
      setErrors(result.fieldErrors ?? {});
      setMessage({ ok: false, text: result.error });
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      data-testid={testId}
      className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
    >
      <div className="border-b border-slate-200 px-5 py-3">
        <h2 id={headingId} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-xs text-slate-500">{description}</p>
      </div>
      <form onSubmit={submit} noValidate className="space-y-4 px-5 py-4">
        {children(errors)}
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
          {message ? (
            <p
              role={message.ok ? "status" : "alert"}
              className={`text-sm ${message.ok ? "text-green-700" : "text-red-700"}`}
            >
              {message.text}
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
