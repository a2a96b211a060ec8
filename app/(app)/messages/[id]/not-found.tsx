import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function MessageNotFound() {
  return (
    <EmptyState
      title="Message not found"
      action={
        <Link href="/messages" className={buttonClass("secondary")}>
          Back to the mailbox
        </Link>
      }
    >
      That message does not exist. Check the link, or find it in the mailbox.
    </EmptyState>
  );
}
