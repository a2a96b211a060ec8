import { Button } from "@/components/ui/button";
import { STEP_TYPES, type StepType } from "@/lib/domain/step-kinds";
import { StepIcon } from "@/components/steps/step-icon";
import { STEP_META } from "@/components/steps/step-meta";

export function AddStepBar({ onAdd }: { onAdd: (type: StepType) => void }) {
  return (
    <div className="mt-4 ml-20 flex flex-wrap items-center gap-2 rounded-lg border border-dashed border-slate-300 bg-white/60 px-4 py-3">
      <span className="mr-1 text-sm font-medium text-slate-700">Add a step</span>
      {STEP_TYPES.map((type) => (
        <Button
          key={type}
          variant="secondary"
          size="sm"
          onClick={() => onAdd(type)}
          aria-label={`Add ${STEP_META[type].label} step`}
        >
          <StepIcon type={type} />
          {STEP_META[type].label}
        </Button>
      ))}
    </div>
  );
}
