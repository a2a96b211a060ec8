import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Enrollments" };

export default function EnrollmentsPage() {
  return (
    <>
      <PageHeader title="Enrollments" description="Every contact in flight, the version it is pinned to, and what comes next." />
      <EmptyState title="No enrollments yet">Enroll contacts in a published sequence to see them here.</EmptyState>
    </>
  );
}
