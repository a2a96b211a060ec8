"use client";
import { useId, useState } from "react";
import { Field, TextInput } from "@/components/ui/field";
import { updateOrganizationSettingsAction } from "@/lib/actions/organization";
import { SettingsSection } from "./settings-section";

/** Organisation-wide daily caps (deliverability protection): over the cap, sends roll to the next day's window. */
export function SendingLimitsSection({
  initial,
}: {
  initial: { dailyEmailCap: number | null; dailySmsCap: number | null };
}) {
  const id = useId();
  const [email, setEmail] = useState(initial.dailyEmailCap?.toString() ?? "");
  const [sms, setSms] = useState(initial.dailySmsCap?.toString() ?? "");

  return (
    <SettingsSection
      title="Daily sending limits"
      description="The most emails and SMS the whole organisation sends per day. Over a cap, sends wait for the next day, in enrollment order."
      testId="sending-limits-section"
      onSave={() => updateOrganizationSettingsAction({ dailyEmailCap: email, dailySmsCap: sms })}
    >
      {(errors) => (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Emails per day" htmlFor={`${id}-email`} error={errors.dailyEmailCap?.[0]} hint="Empty: no cap.">
            <TextInput
              id={`${id}-email`}
              inputMode="numeric"
              value={email}
              placeholder="No cap"
              aria-invalid={errors.dailyEmailCap ? true : undefined}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
          <Field label="SMS per day" htmlFor={`${id}-sms`} error={errors.dailySmsCap?.[0]} hint="Empty: no cap.">
            <TextInput
              id={`${id}-sms`}
              inputMode="numeric"
              value={sms}
              placeholder="No cap"
              aria-invalid={errors.dailySmsCap ? true : undefined}
              onChange={(e) => setSms(e.target.value)}
            />
          </Field>
        </div>
      )}
    </SettingsSection>
  );
}
