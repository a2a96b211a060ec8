import { Badge } from "@/components/ui/badge";

const META = {
  queued: { tone: "amber", label: "Queued" },
  sent: { tone: "green", label: "Sent" },
  failed: { tone: "red", label: "Failed" },
} as const;

export function MessageStatusBadge({ status }: { status: keyof typeof META }) {
  return <Badge tone={META[status].tone}>{META[status].label}</Badge>;
}
