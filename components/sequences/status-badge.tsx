import { Badge } from "@/components/ui/badge";

const TONE = { draft: "slate", active: "green", archived: "amber" } as const;
const LABEL = { draft: "Draft", active: "Active", archived: "Archived" } as const;

export function SequenceStatusBadge({ status }: { status: keyof typeof TONE }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
