"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { createWebhookEndpointAction, updateWebhookEndpointAction } from "@/lib/actions/webhooks";
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/domain/webhook-events";
import { SecretReveal } from "./secret-reveal";

type EditedEndpoint = { id: string; url: string; description: string; eventTypes: string[] };

/** Adds an endpoint, or (with `endpoint`) edits its URL, description and event types. */
export function EndpointForm({ endpoint, onDone }: { endpoint?: EditedEndpoint; onDone?: () => void } = {}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setPending(true);
    const input = {
      url: String(form.get("url") ?? ""),
      description: String(form.get("description") ?? ""),
      eventTypes: form.getAll("eventTypes").map(String) as WebhookEventType[],
    };
    if (endpoint) {
      const result = await updateWebhookEndpointAction({ endpointId: endpoint.id, ...input });
      setPending(false);
      if (result.ok) {
        setErrors({});
        setMessage(null);
        router.refresh();
        onDone?.();
      } else {
        const details = result.details as { fieldErrors?: Record<string, string[]> } | undefined;
        setErrors(result.fieldErrors ?? details?.fieldErrors ?? {});
        setMessage(result.error);
      }
      return;
    }
    const result = await createWebhookEndpointAction(input);
    setPending(false);
    if (result.ok) {
      formEl.reset();
      setErrors({});
      setMessage(null);
      setSecret(result.data.secret);
      router.refresh();
    } else {
      const details = result.details as { fieldErrors?: Record<string, string[]> } | undefined;
      setErrors(result.fieldErrors ?? details?.fieldErrors ?? {});
      setMessage(result.error);
    }
  }

  if (secret) return <SecretReveal secret={secret} onDone={() => setSecret(null)} />;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field
        label="Endpoint URL"
        htmlFor="webhook-url"
        error={errors.url?.[0]}
        hint="https:// only (http://localhost is allowed in development)."
      >
        <TextInput
          id="webhook-url"
          name="url"
          type="url"
          required
          placeholder="https://example.com/webhooks/sequencer"
          defaultValue={endpoint?.url}
          maxLength={2000}
          aria-invalid={Boolean(errors.url)}
        />
      </Field>
      <Field label="Description" htmlFor="webhook-description" error={errors.description?.[0]}>
        <TextInput
          id="webhook-description"
          name="description"
          placeholder="CRM sync"
          defaultValue={endpoint?.description}
          maxLength={200}
        />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Event types</legend>
        <div className="mt-2 space-y-1.5">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-start gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="eventTypes"
                value={type}
                defaultChecked={endpoint ? endpoint.eventTypes.includes(type) : true}
                className="mt-0.5"
              />
              <span>
                <code className="font-mono text-xs text-slate-900">{type}</code>
                <span className="block text-xs text-slate-500">{WEBHOOK_EVENT_DESCRIPTIONS[type]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.eventTypes?.[0] ? (
          <p className="mt-1 text-xs text-red-700" role="alert">
            {errors.eventTypes[0]}
          </p>
        ) : null}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {endpoint ? (pending ? "Saving…" : "Save changes") : pending ? "Adding…" : "Add endpoint"}
        </Button>
        {endpoint && onDone ? (
          <Button type="button" variant="secondary" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
        ) : null}
        {message ? (
          <p role="alert" className="text-sm text-red-700">
            {message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
