import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sequences" };

export default function SequencesPage() {
  return (
    <>
      <PageHeader title="Sequences" description="Draft outreach steps, publish immutable versions, and see who is on which version." />
      <EmptyState title="No sequences yet">Sequences you create will appear here with their active version and enrollments.</EmptyState>
    </>
  );
}
