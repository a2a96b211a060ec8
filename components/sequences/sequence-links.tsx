import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** The header links every view of a sequence offers, editable or not. */
export function SequenceLinks({ sequenceId }: { sequenceId: string }) {
  return (
    <>
      <Link href={`/sequences/${sequenceId}/versions`} className={buttonClass("secondary")}>
        History
      </Link>
      <Link href={`/sequences/${sequenceId}/diff`} className={buttonClass("secondary")}>
        Compare versions
      </Link>
      <Link href={`/sequences/${sequenceId}/outcomes`} className={buttonClass("secondary")}>
        Outcomes
      </Link>
    </>
  );
}
