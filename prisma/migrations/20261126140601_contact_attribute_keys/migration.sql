-- The editor's merge-field picker lists the custom attribute keys present on contacts
-- (lib/server/contacts/list-attribute-keys.ts). This partial index holds only contacts that have
-- attributes, newest first, so that read walks at most its LIMIT of them instead of the table.
CREATE INDEX contacts_with_attributes ON "contacts" (id DESC) WHERE attributes <> '{}'::jsonb;
