"use client";
import { useId, useState } from "react";
import { SettingsSection } from "@/components/organization/settings-section";
import { Field, TextInput } from "@/components/ui/field";
import { updateOrganizationSettingsAction } from "@/lib/actions/organization";
import { REVIEW_POLICIES, REVIEW_POLICY_LABELS, type ReviewPolicy } from "@/lib/domain/review-policy";

/** Settings > Organization > Review before publish: when a publish needs another editor's approval. */
export function ReviewPolicySection({ initial }: { initial: { reviewPolicy: ReviewPolicy; reviewThreshold: number } }) {
  const id = useId();
  const [policy, setPolicy] = useState<ReviewPolicy>(initial.reviewPolicy);
  const [threshold, setThreshold] = useState(String(initial.reviewThreshold));

  return (
    <SettingsSection
      title="Review before publish"
      description="Four eyes: when a publish needs the approval of another editor or admin. An approval covers exactly the draft it was given for; any later change needs a new one."
      testId="review-policy-section"
      onSave={() => updateOrganizationSettingsAction({ reviewPolicy: policy, reviewThreshold: threshold })}
    >
      {(errors) => (
        <div className="space-y-4">
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Require a review</legend>
            <div className="mt-2 space-y-2">
              {REVIEW_POLICIES.map((value) => (
                <label key={value} className="flex items-start gap-2 text-sm text-slate-800">
                  <input
                    type="radio"
                    name={`${id}-policy`}
                    value={value}
                    className="mt-0.5 size-4"
                    checked={policy === value}
                    onChange={() => setPolicy(value)}
                    data-testid={`review-policy-${value}`}
                  />
                  {REVIEW_POLICY_LABELS[value]}
                </label>
              ))}
            </div>
            {errors.reviewPolicy ? (
              <p className="mt-1 text-xs text-red-700" role="alert">
                {errors.reviewPolicy[0]}
              </p>
            ) : null}
          </fieldset>
          <Field
            label="In-flight threshold"
            htmlFor={`${id}-threshold`}
            error={errors.reviewThreshold?.[0]}
            hint="With the third option, a change reaching more contacts in flight than this needs a review even when it is not structural."
          >
            <TextInput
              id={`${id}-threshold`}
              inputMode="numeric"
              value={threshold}
              disabled={policy !== "structural_or_over_n"}
              aria-invalid={errors.reviewThreshold ? true : undefined}
              onChange={(e) => setThreshold(e.target.value)}
              className="max-w-40"
            />
          </Field>
        </div>
      )}
    </SettingsSection>
  );
}
