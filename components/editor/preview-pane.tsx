"use client";
import { useEffect, useId, useState } from "react";
import { previewContactAction, searchPreviewContactsAction, sendTestAction } from "@/lib/actions/sequences-editor";
import { callAction } from "@/lib/client/call-action";
import type { DraftStep } from "@/lib/domain/draft";
import { renderTemplate } from "@/lib/domain/render-template";
import { PREVIEW_UNSUBSCRIBE_URL, type PreviewContact, type PreviewContactOption } from "@/lib/views/editor";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { LimitedTextInput } from "@/components/ui/limited-text";
import { STEP_META } from "@/components/steps/step-meta";

const PHONE = /^\+?[0-9][0-9 ().-]{5,22}[0-9]$/;

function ContactPicker({ onPick }: { onPick: (contact: PreviewContact) => void }) {
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<PreviewContactOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();
  useEffect(() => {
    if (query.trim() === "") return;
    let live = true;
    const timer = window.setTimeout(() => {
      void callAction(searchPreviewContactsAction, { query }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setOptions(r.data);
          setError(null);
        } else setError(r.error);
      });
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [query]);

  async function pick(id: string) {
    const r = await callAction(previewContactAction, { contactId: id });
    if (!r.ok) setError(r.error);
    else if (!r.data) setError("That contact no longer exists.");
    else {
      setQuery("");
      setOptions([]);
      onPick(r.data);
    }
  }

  return (
    <div className="space-y-1">
      <Field label="Preview for contact" htmlFor={`${listId}-q`}>
        <LimitedTextInput
          id={`${listId}-q`}
          max={200}
          label="Search"
          type="search"
          placeholder="Search by name or email"
          value={query}
          onValueChange={(value) => {
            setQuery(value);
            if (value.trim() === "") setOptions([]);
          }}
        />
      </Field>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      {query.trim() !== "" ? (
        <ul aria-label="Matching contacts" className="max-h-48 overflow-auto rounded-md ring-1 ring-slate-200">
          {options.length === 0 ? <li className="px-3 py-2 text-xs text-slate-500">No match yet.</li> : null}
          {options.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                data-testid="preview-contact-option"
                onClick={() => void pick(o.id)}
                className="block w-full px-3 py-1.5 text-left text-xs hover:bg-indigo-50"
              >
                <span className="font-medium text-slate-900">{o.name || o.email}</span>
                {o.name ? <span className="block text-slate-500">{o.email}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The selected step rendered for a real contact with renderTemplate, the function the runner
 * uses (lib/engine/plan-batch.ts): standard fields, custom attributes and fallbacks, and a
 * placeholder for the per-enrollment unsubscribe link. "Send me a test" sends the saved draft's
 * step, rendered the same way, through the configured transport.
 */
export function PreviewPane({
  sequenceId,
  step,
  stepNumber,
  userEmail,
  beforeTest,
}: {
  sequenceId: string;
  step: DraftStep | null;
  stepNumber: number;
  userEmail: string;
  beforeTest: () => Promise<boolean>;
}) {
  const [contact, setContact] = useState<PreviewContact | null>(null);
  const [phone, setPhone] = useState("");
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const phoneId = useId();
  const sendable = step && (step.type === "email" || step.type === "sms");
  const extra = { unsubscribe_url: PREVIEW_UNSUBSCRIBE_URL };
  const phoneError =
    phone.trim() !== "" && !PHONE.test(phone.trim()) ? "Enter a phone number such as +44 20 7946 0000" : null;

  async function sendTest() {
    if (!step || !contact) return;
    setSending(true);
    setResult(null);
    try {
      if (!(await beforeTest())) {
        setResult({ ok: false, text: "The draft could not be saved; fix it, then send the test." });
        return;
      }
      const r = await callAction(sendTestAction, {
        sequenceId,
        stepKey: step.key,
        contactId: contact.id,
        ...(step.type === "sms" ? { phone: phone.trim() } : {}),
      });
      setResult(
        r.ok
          ? {
              ok: true,
              text: `Test sent to ${r.data.to}${r.data.subject ? `: “${r.data.subject}”` : ""} (via ${r.data.transport}). It is not counted as a send.`,
            }
          : { ok: false, text: r.error },
      );
    } finally {
      setSending(false);
    }
  }

  return (
    <section
      aria-labelledby="preview-title"
      data-testid="preview-pane"
      className="space-y-3 rounded-lg bg-white p-5 text-sm shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="preview-title" className="font-semibold text-slate-900">
        Preview{step ? ` · step ${stepNumber} (${STEP_META[step.type].label})` : ""}
      </h2>
      <ContactPicker onPick={setContact} />
      {contact ? (
        <p className="text-xs text-slate-600" data-testid="preview-contact">
          As{" "}
          <span className="font-medium text-slate-900">
            {[contact.firstName, contact.lastName].filter(Boolean).join(" ") || contact.email}
          </span>{" "}
          ({contact.email})
        </p>
      ) : (
        <p className="text-xs text-slate-500">Choose a contact to see the step as they would receive it.</p>
      )}
      {!sendable ? (
        <p className="text-xs text-slate-500">Select an email or SMS step (click or focus it) to preview it.</p>
      ) : contact ? (
        <div className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="preview-rendered">
          {step.type === "email" ? (
            <p className="mb-2 border-b border-slate-200 pb-2 text-xs">
              <span className="text-slate-500">Subject: </span>
              <span className="font-medium text-slate-900" data-testid="preview-subject">
                {renderTemplate(step.subject, contact, extra)}
              </span>
            </p>
          ) : null}
          <p className="text-xs break-words whitespace-pre-wrap text-slate-800" data-testid="preview-body">
            {renderTemplate(step.body, contact, extra)}
          </p>
        </div>
      ) : null}
      {sendable && contact ? (
        <div className="space-y-2 border-t border-slate-100 pt-3">
          {step.type === "sms" ? (
            <Field label="Send the test SMS to" htmlFor={phoneId} error={phoneError}>
              <LimitedTextInput
                id={phoneId}
                max={30}
                label="Phone number"
                type="tel"
                value={phone}
                onValueChange={setPhone}
                aria-invalid={phoneError ? true : undefined}
              />
            </Field>
          ) : (
            <p className="text-xs text-slate-600">The test goes to you ({userEmail}), subject marked “[Test]”.</p>
          )}
          <Button
            variant="secondary"
            size="sm"
            onClick={() => void sendTest()}
            disabled={sending || (step.type === "sms" && (phone.trim() === "" || phoneError !== null))}
          >
            {sending ? "Sending…" : "Send me a test"}
          </Button>
          {result ? (
            <p
              role={result.ok ? "status" : "alert"}
              data-testid="test-send-result"
              className={`text-xs ${result.ok ? "text-green-800" : "text-red-700"}`}
            >
              {result.text}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
