"use client";
// The dialogs behind "Enroll contacts…" (components/sequences/enroll-contacts-button.tsx), loaded on
// the first press rather than with the editor.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { EnrollDialog, type EnrollSource } from "@/components/enrollments/enroll-dialog";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { LimitedTextInput } from "@/components/ui/limited-text";
import { formatCount } from "@/components/ui/format";
import { countMatchingContactsAction } from "@/lib/actions/contacts";

/**
 * "Enroll contacts…" on a sequence page, mounted on each opening: pick the audience by a contact search (empty = all),
 * then hand over to the shared EnrollDialog, which enrolls in chunks with progress and reports
 * skipped contacts with reasons.
 */
export function EnrollContactsDialog({
  sequenceId,
  versionNumber,
  onClose,
}: {
  sequenceId: string;
  versionNumber: number;
  onClose: () => void;
}) {
  const [choosing, setChoosing] = useState(true);
  const [query, setQuery] = useState("");
  const [field, setField] = useState<"email" | "name">("email");
  const [source, setSource] = useState<EnrollSource | null>(null);
  const queryId = useId();
  const fieldId = useId();
  const count = useQuery({
    queryKey: ["contacts-count", field, query],
    enabled: choosing,
    queryFn: async () => {
      const result = await countMatchingContactsAction({ query, field });
      if (!result.ok) throw new Error(result.error);
      return result.data.count;
    },
  });

  return (
    <>
      <Dialog
        open={choosing}
        onClose={onClose}
        title="Enroll contacts"
        description={`New enrollments are pinned to v${versionNumber}, the active version.`}
        footer={
          <>
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button
              disabled={!count.data}
              onClick={() => {
                setChoosing(false);
                setSource({ kind: "search", query, field, count: count.data ?? 0 });
              }}
            >
              Continue with {formatCount(count.data ?? 0)} contacts
            </Button>
          </>
        }
      >
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Match by" htmlFor={fieldId}>
            <Select id={fieldId} value={field} onChange={(e) => setField(e.target.value === "name" ? "name" : "email")}>
              <option value="email">Email starts with</option>
              <option value="name">Name starts with</option>
            </Select>
          </Field>
          <div className="sm:col-span-2">
            <Field label="Search (leave empty for every contact)" htmlFor={queryId}>
              <LimitedTextInput
                id={queryId}
                max={200}
                label="Search"
                value={query}
                onValueChange={setQuery}
                placeholder={field === "email" ? "e.g. alice@" : "e.g. Alice"}
              />
            </Field>
          </div>
        </div>
        <p className="mt-3 text-sm text-slate-600" role="status">
          {count.isPending
            ? "Counting matching contacts…"
            : count.isError
              ? count.error.message
              : `${formatCount(count.data ?? 0)} matching contacts. Unsubscribed and already-enrolled contacts will be skipped.`}
        </p>
      </Dialog>
      {source ? <EnrollDialog open source={source} sequenceId={sequenceId} onClose={onClose} /> : null}
    </>
  );
}
