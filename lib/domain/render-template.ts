import { isContactMergeField, MERGE_FIELD_PATTERN, parseMergeTag, type ContactMergeField } from "./step-kinds";

export type TemplateContact = {
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  /** Custom attributes (CSV columns, API fields): usable as merge fields by their key. */
  attributes?: Record<string, unknown> | null;
};

/**
 * Fills merge fields: the standard contact fields, then `extra` (values the sender computes, such
 * as `unsubscribe_url`), then the contact's custom attributes. An empty or missing value gives
 * the tag's fallback (`{{company | "your team"}}`) or nothing. Output is plain text: escaping
 * belongs to whoever displays it (HTML for the UI, nothing for SMS). A malformed tag is left as
 * written; validation rejects it at publish time, so this only matters for hand-made input.
 */
export function renderTemplate(
  template: string,
  contact: TemplateContact,
  extra: Readonly<Record<string, string>> = {},
): string {
  const standard: Record<ContactMergeField, string> = {
    first_name: contact.firstName ?? "",
    last_name: contact.lastName ?? "",
    email: contact.email,
    phone: contact.phone ?? "",
  };
  return template.replace(MERGE_FIELD_PATTERN, (whole: string, inside: string) => {
    const tag = parseMergeTag(inside);
    if (!tag) return whole;
    const value = isContactMergeField(tag.name)
      ? standard[tag.name]
      : Object.hasOwn(extra, tag.name)
        ? extra[tag.name]!
        : attributeText(contact.attributes?.[tag.name]);
    return value.trim() === "" ? (tag.fallback ?? value) : value;
  });
}

function attributeText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}
