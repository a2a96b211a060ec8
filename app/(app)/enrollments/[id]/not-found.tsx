import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function EnrollmentNotFound() {
  return (
    <EmptyState
      title="Enrollment not found"
      action={
        <Link href="/enrollments" className={buttonClass("secondary")}>
          Back to enrollments
        </Link>
      }
    >
      That enrollment does not exist. Check the link, or find the contact in the enrollments list.
    </EmptyState>
  );
}
