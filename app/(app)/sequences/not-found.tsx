import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function SequenceNotFound() {
  return (
    <EmptyState
      title="Not found"
      action={
        <Link href="/sequences" className={buttonClass("secondary")}>
          Back to sequences
        </Link>
      }
    >
      That sequence or version does not exist, or it was never published.
    </EmptyState>
  );
}
