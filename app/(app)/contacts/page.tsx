import type { Metadata } from "next";
import { AddContactButton } from "@/components/contacts/contact-form-dialog";
import { ContactSearch } from "@/components/contacts/contact-search";
import { ContactsTable } from "@/components/contacts/contacts-table";
import { CsvImportButton } from "@/components/contacts/csv-import-lazy";
import { KeysetPager } from "@/components/enrollments/pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/domain/roles";
import { countMatchingContacts } from "@/lib/server/contacts/count-matching-contacts";
import { searchContacts, searchFieldFor } from "@/lib/server/contacts/search-contacts";
import { getOrganizationSettings } from "@/lib/server/organization/get-organization-settings";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Contacts" };

const PAGE_SIZE = 50;
type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = await searchParams;
  const query = first(raw.q).slice(0, 200);
  const requestedField = first(raw.field);
  const field = searchFieldFor(query, requestedField);
  const after = first(raw.after).slice(0, 2000) || null;
  const [user, page, matching, organization] = await Promise.all([
    currentUser(),
    searchContacts({ query, field, after, limit: PAGE_SIZE }),
    countMatchingContacts({ query, field }),
    getOrganizationSettings(),
  ]);
  const now = new Date();
  const canEdit = user ? roleAtLeast(user.role, "editor") : false;

  return (
    <>
      <PageHeader
        title="Contacts"
        description="People you can enroll in sequences. Emails are unique and case-insensitive."
        actions={
          canEdit ? (
            <>
              <CsvImportButton />
              <AddContactButton organizationZone={organization.timeZone} />
            </>
          ) : null
        }
      />
      <ContactSearch
        query={query}
        field={requestedField === "name" || requestedField === "email" ? requestedField : ""}
      />
      {page.rows.length === 0 ? (
        query || after ? (
          <EmptyState title="No contacts match">
            Nothing starts with “{query}” in the {field === "email" ? "email address" : "name"}. Try the other field or
            a shorter search.
          </EmptyState>
        ) : (
          <EmptyState title="No contacts yet">
            {canEdit
              ? "Add contacts one by one or import a CSV file."
              : "Contacts your team adds or imports will appear here."}
          </EmptyState>
        )
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">
            {query ? `Contacts whose ${field === "email" ? "email" : "name"} starts with “${query}”` : "All contacts"}:{" "}
            {matching > 100_000 ? "more than 100,000" : matching.toLocaleString("en-US")}
            {field === "email" ? ", sorted by email" : ", sorted by name"}.
          </p>
          <ContactsTable
            key={`${query}|${field}|${after ?? ""}`}
            rows={page.rows}
            canEdit={canEdit}
            search={{ query, field, matching }}
            organizationZone={organization.timeZone}
            now={now}
          />
          <KeysetPager
            basePath="/contacts"
            params={{ q: query, field: requestedField }}
            cursorParam="after"
            next={page.next}
            onFirstPage={!after}
          />
        </>
      )}
    </>
  );
}
