"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { createApiKeyAction } from "@/lib/actions/api-keys";
import { API_SCOPE_LABELS, API_SCOPES, type ApiScope } from "@/lib/domain/api-scope-names";
import type { CreatedApiKey } from "@/lib/views/api-keys";

export function CreateKeyForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [copied, setCopied] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setPending(true);
    const result = await createApiKeyAction({
      name: String(form.get("name") ?? ""),
      scopes: form.getAll("scopes").map(String) as ApiScope[],
    });
    setPending(false);
    if (result.ok) {
      formEl.reset();
      setErrors({});
      setError(null);
      setCopied(false);
      setCreated(result.data);
      router.refresh();
    } else {
      setErrors(result.fieldErrors ?? {});
      setError(result.error);
    }
  }

  async function copy() {
    if (!created) return;
    await navigator.clipboard?.writeText(created.secret).catch(() => {});
    setCopied(true);
  }

  return (
    <div className="space-y-5">
      {created ? (
        <div role="status" className="space-y-2 rounded-md bg-green-50 p-3 ring-1 ring-green-200">
          <p className="text-sm font-medium text-green-900">
            Key “{created.name}” created. Copy the secret now: it is shown only once.
          </p>
          <div className="flex items-center gap-2">
            <code
              data-testid="new-api-key"
              className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 ring-1 ring-green-200"
            >
              {created.secret}
            </code>
            <Button variant="secondary" size="sm" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <Button variant="ghost" size="sm" onClick={() => setCreated(null)}>
            Done, hide it
          </Button>
        </div>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field label="Name" htmlFor="key-name" error={errors.name?.[0]} hint="Who or what uses it, e.g. “CRM sync”.">
          <TextInput id="key-name" name="name" required maxLength={100} aria-invalid={Boolean(errors.name)} />
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          {API_SCOPES.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                defaultChecked={scope === "read"}
                className="mt-0.5 size-4 shrink-0 rounded border-slate-300 text-indigo-600"
              />
              <span>
                <span className="font-mono font-medium text-slate-900">{scope}</span>
                <span className="block text-xs text-slate-500">{API_SCOPE_LABELS[scope]}</span>
              </span>
            </label>
          ))}
          {errors.scopes?.[0] ? (
            <p className="text-xs text-red-700" role="alert">
              {errors.scopes[0]}
            </p>
          ) : null}
        </fieldset>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create key"}
          </Button>
          {error && !Object.keys(errors).length ? (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </div>
      </form>
    </div>
  );
}
