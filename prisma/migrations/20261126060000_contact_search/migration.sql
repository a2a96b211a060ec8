-- Contact search with keyset pagination (lib/server/contacts/search-contacts.ts).
-- The queries compare and order under COLLATE "C" so that (a) a LIKE 'prefix%' becomes an index
-- range scan whatever the database's default collation is, and (b) the keyset order is plain
-- byte order, which every server agrees on. A btree only serves a query whose collation matches
-- its own, hence these two indexes next to the default-collation unique index on email.
CREATE INDEX contacts_email_c ON "contacts" ((email COLLATE "C"));
CREATE INDEX contacts_name_c ON "contacts" ((lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) COLLATE "C"), id);
