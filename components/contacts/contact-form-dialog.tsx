"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { LimitedTextInput } from "@/components/ui/limited-text";
import { TimeZoneSelect } from "@/components/ui/time-zone-select";
import { createContactAction, updateContactAction } from "@/lib/actions/contacts";

export type EditableContact = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  timeZone: string | null;
};

type Values = { email: string; firstName: string; lastName: string; phone: string; timeZone: string };

/** CONTACT_LIMITS of lib/domain/contact-input.ts (tested equal), without pulling zod into the page. */
export const CONTACT_FORM_LIMITS: Record<Exclude<keyof Values, "timeZone">, number> = {
  email: 320,
  firstName: 100,
  lastName: 100,
  phone: 40,
};

/** Create a contact, or edit one when `contact` is given. Field errors come back from the server's zod parse. */
export function ContactFormDialog({
  open,
  onClose,
  contact,
  organizationZone,
}: {
  open: boolean;
  onClose: () => void;
  contact?: EditableContact;
  /** Shown in the default option: the zone a contact without its own is scheduled in. */
  organizationZone?: string;
}) {
  const router = useRouter();
  const id = useId();
  const [values, setValues] = useState<Values>({
    email: contact?.email ?? "",
    firstName: contact?.firstName ?? "",
    lastName: contact?.lastName ?? "",
    phone: contact?.phone ?? "",
    timeZone: contact?.timeZone ?? "",
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit() {
    setError(null);
    setErrors({});
    startTransition(async () => {
      const result = contact
        ? await updateContactAction({ contactId: contact.id, contact: values })
        : await createContactAction(values);
      if (!result.ok) {
        setError(result.error);
        setErrors(
          Object.fromEntries(
            Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^contact\./, ""), v]),
          ),
        );
        return;
      }
      onClose();
      router.refresh();
    });
  }

  const field = (name: Exclude<keyof Values, "timeZone">, label: string, type = "text") => (
    <Field label={label} htmlFor={`${id}-${name}`} error={errors[name]?.[0]}>
      <LimitedTextInput
        id={`${id}-${name}`}
        type={type}
        max={CONTACT_FORM_LIMITS[name]}
        label={label}
        value={values[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
        onValueChange={(value) => setValues({ ...values, [name]: value })}
      />
    </Field>
  );

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={contact ? "Edit contact" : "Add contact"}
      footer={
        <>
          {error ? (
            <p role="alert" className="mr-auto text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={pending}>
            {pending ? "Saving…" : contact ? "Save contact" : "Add contact"}
          </Button>
        </>
      }
    >
      <form
        className="grid grid-cols-2 gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="col-span-2">{field("email", "Email", "email")}</div>
        {field("firstName", "First name")}
        {field("lastName", "Last name")}
        <div className="col-span-2">{field("phone", "Phone", "tel")}</div>
        <div className="col-span-2">
          <Field
            label="Time zone"
            htmlFor={`${id}-timeZone`}
            error={errors.timeZone?.[0]}
            hint="Steps are scheduled in the contact's local time."
          >
            <TimeZoneSelect
              id={`${id}-timeZone`}
              value={values.timeZone}
              onChange={(timeZone) => setValues({ ...values, timeZone })}
              defaultLabel={`Organisation default${organizationZone ? ` (${organizationZone})` : ""}`}
              invalid={Boolean(errors.timeZone)}
              describedBy={errors.timeZone ? `${id}-timeZone-error` : undefined}
            />
          </Field>
        </div>
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
    </Dialog>
  );
}

export function AddContactButton({ organizationZone }: { organizationZone?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Add contact</Button>
      {open ? <ContactFormDialog open onClose={() => setOpen(false)} organizationZone={organizationZone} /> : null}
    </>
  );
}
