import { Badge } from "@/components/ui/badge";

/** "v3 · 2 versions behind the active v5": the pinned version and how far the sequence moved on since. */
export function PinnedVersionBadge({ pinned, active }: { pinned: number; active: number | null }) {
  const behind = active === null ? 0 : Math.max(0, active - pinned);
  if (behind === 0) {
    return (
      <span className="inline-flex items-center gap-1.5" data-testid="pinned-version">
        <Badge tone="indigo">v{pinned}</Badge>
        {active === pinned ? <span className="text-xs text-slate-600">active version</span> : null}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5" data-testid="pinned-version">
      <Badge tone="indigo">v{pinned}</Badge>
      <Badge tone="amber">
        {behind === 1 ? "1 version behind" : `${behind} versions behind`} the active v{active}
      </Badge>
    </span>
  );
}
