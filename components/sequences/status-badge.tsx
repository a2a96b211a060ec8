import { Badge, type Tone } from "@/components/ui/badge";
import type { SequenceStatus } from "@/lib/domain/sequence-status";

const BADGE: Record<SequenceStatus, { tone: Tone; label: string }> = {
  draft: { tone: "slate", label: "Draft" },
  active: { tone: "green", label: "Active" },
  archived: { tone: "amber", label: "Archived" },
};

export function SequenceStatusBadge({ status }: { status: SequenceStatus }) {
  return <Badge tone={BADGE[status].tone}>{BADGE[status].label}</Badge>;
}
