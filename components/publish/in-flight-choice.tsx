"use client";
import { formatCount, plural } from "@/components/ui/format";
import type { ChangeClass } from "@/lib/domain/change-class";
import type { InFlightChoice } from "@/lib/domain/lint/publish-record";

export type InFlightVersion = { number: number; total: number; change: ChangeClass };

const CHANGE_WORDS: Record<ChangeClass, string> = {
  none: "no change to the steps",
  content: "content only (wording)",
  timing: "a timing change (a wait changed)",
  structural: "a structural change (steps added, removed, moved or retyped, or settings)",
};

/**
 * The in-flight plan: keep everyone pinned (default), apply a content-only fix to them (an
 * identity-map migration, undoable from the migrations page), or publish and open the wizard.
 */
export function InFlightChoicePanel({
  change,
  inFlight,
  choice,
  onChoice,
  nextNumber,
}: {
  change: ChangeClass | null;
  inFlight: InFlightVersion[];
  choice: InFlightChoice;
  onChoice: (choice: InFlightChoice) => void;
  nextNumber: number;
}) {
  const total = inFlight.reduce((sum, v) => sum + v.total, 0);
  if (total === 0) return null;
  const fixable = inFlight.filter((v) => v.change === "content" || v.change === "none");
  const fixableCount = fixable.reduce((sum, v) => sum + v.total, 0);
  const canFix = change === "content" && fixableCount > 0;
  const option = (value: InFlightChoice, title: string, body: string, disabled = false) => (
    <label
      className={`flex gap-3 rounded-md p-3 ring-1 ${choice === value ? "bg-indigo-50 ring-indigo-300" : "ring-slate-200"} ${disabled ? "opacity-60" : "cursor-pointer"}`}
    >
      <input
        type="radio"
        name="in-flight"
        value={value}
        className="mt-1 size-4"
        checked={choice === value}
        disabled={disabled}
        onChange={() => onChoice(value)}
        data-testid={`in-flight-${value}`}
      />
      <span>
        <span className="block text-sm font-medium text-slate-900">{title}</span>
        <span className="block text-sm text-slate-700">{body}</span>
      </span>
    </label>
  );
  return (
    <fieldset className="space-y-2" data-testid="in-flight-plan">
      <legend className="mb-1 text-sm font-semibold text-slate-900">
        What happens to the {plural(total, "contact")} in flight
      </legend>
      {change ? (
        <p className="text-sm text-slate-700">
          Compared with the active version, this draft is {CHANGE_WORDS[change]}.
        </p>
      ) : null}
      {option(
        "keep",
        "Keep everyone on their version (recommended)",
        "Contacts in flight finish the version they started; only new enrollments get the new version.",
      )}
      {option(
        "apply-content-fix",
        canFix
          ? `Apply the fix to ${formatCount(fixableCount)} in-flight ${fixableCount === 1 ? "contact" : "contacts"}`
          : "Apply the fix to in-flight contacts",
        canFix
          ? `${fixable.map((v) => `${plural(v.total, "contact")} on v${v.number}`).join(", ")} move to v${nextNumber} at the step they are on now, so their next messages use the new wording. Nothing is re-sent and nobody skips a step. It is recorded as a migration you can undo from the Migrations page.`
          : "Only for content-only changes (wording); this draft changes more than that, so moving contacts needs a step map.",
        !canFix,
      )}
      {option(
        "wizard",
        "Publish, then open the migration wizard",
        `Contacts stay on their version until you map the steps from v${inFlight[0]?.number ?? ""} to v${nextNumber}, check the dry run and move them yourself.`,
      )}
    </fieldset>
  );
}
