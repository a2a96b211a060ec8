"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TimeZoneSelect } from "@/components/ui/time-zone-select";
import { setDisplayTimeZoneAction } from "@/lib/actions/profile";

/** The signed-in user's display zone; "" = the organisation's. */
export function DisplayTimeZoneForm({
  initial,
  organizationZone,
  zones,
}: {
  initial: string | null;
  organizationZone: string;
  zones: readonly string[];
}) {
  const router = useRouter();
  const [zone, setZone] = useState(initial ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setSaved(false);
    const result = await setDisplayTimeZoneAction({ timeZone: zone });
    setPending(false);
    if (!result.ok) {
      setError(result.fieldErrors?.timeZone?.[0] ?? result.error);
      return;
    }
    setError(null);
    setSaved(true);
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field
        label="Display time zone"
        htmlFor="profile-time-zone"
        error={error}
        hint="Every date in Sequencer is shown in this zone, with the zone named."
      >
        <TimeZoneSelect
          id="profile-time-zone"
          value={zone}
          onChange={setZone}
          zones={zones}
          defaultLabel={`Organisation default (${organizationZone})`}
          invalid={Boolean(error)}
        />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        {saved ? (
          <p role="status" className="text-sm text-green-700">
            Saved.
          </p>
        ) : null}
      </div>
    </form>
  );
}
