"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { LimitedTextArea, LimitedTextInput } from "@/components/ui/limited-text";
import { createSequenceAction } from "@/lib/actions/sequences";

type Failure = { error: string; fieldErrors?: Record<string, string[]> };
class CreateError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error);
  }
}

export function NewSequenceButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: async () => {
      const result = await createSequenceAction({ name, description });
      if (!result.ok) throw new CreateError(result);
      return result.data;
    },
    onSuccess: (created) => router.push(`/sequences/${created.id}`),
    onError: (error) =>
      setNameError(error instanceof CreateError ? (error.failure.fieldErrors?.name?.[0] ?? null) : null),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError("Name is required");
      return;
    }
    setNameError(null);
    create.mutate();
  }

  const generalError = create.isError && !nameError ? create.error.message : null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>New sequence</Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="New sequence"
        description="Start with an empty draft; nothing is sent until you publish a version and enroll contacts."
      >
        <form id="new-sequence-form" onSubmit={submit} noValidate className="space-y-4">
          <Field label="Name" htmlFor="sequence-name" error={nameError}>
            <LimitedTextInput
              id="sequence-name"
              value={name}
              max={120}
              label="Name"
              required
              autoFocus
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? "sequence-name-error" : undefined}
              onValueChange={setName}
              placeholder="e.g. Trial onboarding"
            />
          </Field>
          <Field label="Description (optional)" htmlFor="sequence-description">
            <LimitedTextArea
              id="sequence-description"
              rows={2}
              value={description}
              max={1000}
              label="Description"
              onValueChange={setDescription}
            />
          </Field>
          {generalError ? (
            <p role="alert" className="text-sm text-red-700">
              {generalError}
            </p>
          ) : null}
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending || create.isSuccess}>
              {create.isPending || create.isSuccess ? "Creating…" : "Create sequence"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
