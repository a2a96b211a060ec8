"use client";
import { useId, useState } from "react";
import { Field, TextArea, TextInput } from "@/components/ui/field";
import { TimeZoneSelect } from "@/components/ui/time-zone-select";
import { updateOrganizationSettingsAction } from "@/lib/actions/organization";
import { ORGANIZATION_LIMITS } from "@/lib/domain/organization-limits";
import { SettingsSection } from "./settings-section";

/** Name, default time zone and the postal address printed in email footers. */
export function OrganizationProfileSection({
  initial,
  zones,
}: {
  initial: { name: string; timeZone: string; postalAddress: string };
  zones: readonly string[];
}) {
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [postalAddress, setPostalAddress] = useState(initial.postalAddress);
  const lines = postalAddress.split(/\r\n?|\n/).length;

  return (
    <SettingsSection
      title="Organization"
      description="Who sends, from where, and the time zone for contacts and users who have none of their own."
      testId="organization-section"
      onSave={() => updateOrganizationSettingsAction({ name, timeZone, postalAddress })}
    >
      {(errors) => (
        <>
          <Field label="Name" htmlFor={`${id}-name`} error={errors.name?.[0]}>
            <TextInput
              id={`${id}-name`}
              value={name}
              maxLength={ORGANIZATION_LIMITS.name}
              aria-invalid={errors.name ? true : undefined}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <Field
            label="Time zone"
            htmlFor={`${id}-zone`}
            error={errors.timeZone?.[0]}
            hint="The default for contacts and users without their own zone."
          >
            <TimeZoneSelect
              id={`${id}-zone`}
              value={timeZone}
              onChange={setTimeZone}
              zones={zones}
              invalid={Boolean(errors.timeZone)}
            />
          </Field>
          <Field
            label="Postal address"
            htmlFor={`${id}-address`}
            error={errors.postalAddress?.[0]}
            hint={`Printed in every email footer. ${postalAddress.length} / ${ORGANIZATION_LIMITS.postalAddress} characters, ${lines} / ${ORGANIZATION_LIMITS.postalAddressLines} lines.`}
          >
            <TextArea
              id={`${id}-address`}
              rows={4}
              value={postalAddress}
              maxLength={ORGANIZATION_LIMITS.postalAddress}
              aria-invalid={errors.postalAddress ? true : undefined}
              onChange={(e) => setPostalAddress(e.target.value)}
            />
          </Field>
        </>
      )}
    </SettingsSection>
  );
}
