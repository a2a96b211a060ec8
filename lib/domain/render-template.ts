import { isContactMergeField, MERGE_FIELD_PATTERN, type ContactMergeField } from "./steps";

export type TemplateContact = {
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
};

/**
 * Fills contact merge fields. Output is plain text: escaping belongs to whoever displays it
 * (HTML for the UI, nothing for SMS). Unknown fields are left as written; validation already
 * rejects them at publish time, so this only matters for hand-made input.
 */
export function renderTemplate(template: string, contact: TemplateContact): string {
  const values: Record<ContactMergeField, string> = {
    first_name: contact.firstName ?? "",
    last_name: contact.lastName ?? "",
    email: contact.email,
    phone: contact.phone ?? "",
  };
  return template.replace(MERGE_FIELD_PATTERN, (whole: string, name: string) =>
    isContactMergeField(name) ? values[name] : whole,
  );
}
