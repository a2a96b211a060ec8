"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { LimitedTextInput } from "@/components/ui/limited-text";
import { createUserAction } from "@/lib/actions/users";
import { ROLES, type Role } from "@/lib/domain/roles";

export function AddUserForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setPending(true);
    const result = await createUserAction({
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role") ?? "viewer") as Role,
      password: String(form.get("password") ?? ""),
    });
    setPending(false);
    if (result.ok) {
      formEl.reset();
      setErrors({});
      setMessage({ tone: "ok", text: `Added ${result.data.email}.` });
      router.refresh();
    } else {
      setErrors(result.fieldErrors ?? {});
      setMessage({ tone: "error", text: result.error });
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" noValidate>
      <Field label="Name" htmlFor="new-name" error={errors.name?.[0]}>
        <LimitedTextInput
          id="new-name"
          name="name"
          max={120}
          label="Name"
          required
          aria-invalid={Boolean(errors.name)}
        />
      </Field>
      <Field label="Email" htmlFor="new-email" error={errors.email?.[0]}>
        <LimitedTextInput
          id="new-email"
          name="email"
          type="email"
          max={320}
          label="Email"
          required
          aria-invalid={Boolean(errors.email)}
        />
      </Field>
      <Field label="Role" htmlFor="new-role">
        <Select id="new-role" name="role" defaultValue="viewer">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Initial password"
        htmlFor="new-password"
        error={errors.password?.[0]}
        hint="At least 10 characters."
      >
        <LimitedTextInput
          id="new-password"
          max={200}
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={Boolean(errors.password)}
        />
      </Field>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add user"}
        </Button>
        {message ? (
          <p role="status" className={message.tone === "ok" ? "text-sm text-green-700" : "text-sm text-red-700"}>
            {message.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}
