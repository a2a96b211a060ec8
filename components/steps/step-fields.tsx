"use client";
import { useState } from "react";
import { Field, Select, TextArea, TextInput } from "@/components/ui/field";
import type { DraftStep } from "@/lib/domain/draft";
import { CONTACT_MERGE_FIELDS, STEP_LIMITS, WAIT_UNITS, type MissingChannelAction } from "@/lib/domain/step-kinds";

export type StepPatch = Partial<{
  subject: string;
  body: string;
  amount: number;
  unit: (typeof WAIT_UNITS)[number];
  businessDaysOnly: boolean;
  title: string;
  note: string;
  ifMissingChannel: MissingChannelAction;
}>;

type Props = {
  step: DraftStep;
  onChange: (patch: StepPatch) => void;
  errorFor: (field: string) => string | null;
  onTouch: (field: string) => void;
  autoFocus: boolean;
};

const SMS_MAX = STEP_LIMITS.smsBody;
const MERGE_HINT = `Merge fields: ${CONTACT_MERGE_FIELDS.map((f) => `{{${f}}}`).join(", ")}`;

function a11y(id: string, error: string | null, hintId?: string) {
  const describedBy = [error ? `${id}-error` : null, hintId ?? null].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined };
}

function WaitFields({
  step,
  onChange,
  errorFor,
  onTouch,
  autoFocus,
}: Props & { step: Extract<DraftStep, { type: "wait" }> }) {
  // The text is kept separately so "" or "1." can be typed on the way to a number; the draft
  // only receives whole numbers it can save.
  const [text, setText] = useState(String(step.amount));
  const [local, setLocal] = useState<string | null>(null);
  const amountId = `${step.key}-amount`;
  const error = local ?? errorFor("amount");
  return (
    <div className="grid grid-cols-[8rem_10rem_1fr] items-start gap-4">
      <Field label="Wait for" htmlFor={amountId} error={error}>
        <TextInput
          {...a11y(amountId, error)}
          type="number"
          inputMode="numeric"
          min={1}
          max={STEP_LIMITS.waitAmount}
          step={1}
          value={text}
          autoFocus={autoFocus}
          onBlur={() => onTouch("amount")}
          onChange={(e) => {
            const value = e.target.value;
            setText(value);
            const n = Number(value);
            if (value.trim() === "") {
              setLocal("Enter how long to wait");
            } else if (!Number.isInteger(n)) {
              setLocal("Wait must be a whole number");
            } else if (n > STEP_LIMITS.waitAmount) {
              setLocal(`Wait must be at most ${STEP_LIMITS.waitAmount}`);
            } else {
              setLocal(null);
              onChange({ amount: Math.max(0, n) });
            }
          }}
        />
      </Field>
      <Field label="Unit" htmlFor={`${step.key}-unit`}>
        <Select
          id={`${step.key}-unit`}
          value={step.unit}
          onChange={(e) => onChange({ unit: e.target.value as (typeof WAIT_UNITS)[number] })}
        >
          {WAIT_UNITS.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </Select>
      </Field>
      <label className="mt-7 inline-flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300 text-indigo-600"
          checked={step.businessDaysOnly}
          onChange={(e) => onChange({ businessDaysOnly: e.target.checked })}
        />
        Business days only
      </label>
    </div>
  );
}

/** What a message step does for a contact without an address on its channel (missing = skip). */
function MissingChannelField({
  step,
  onChange,
}: {
  step: Extract<DraftStep, { type: "email" | "sms" }>;
  onChange: (patch: StepPatch) => void;
}) {
  const id = `${step.key}-missing`;
  const address = step.type === "email" ? "email address" : "phone number";
  return (
    <Field label={`If the contact has no ${address}`} htmlFor={id}>
      <Select
        id={id}
        value={step.ifMissingChannel ?? "skip"}
        onChange={(e) => onChange({ ifMissingChannel: e.target.value as MissingChannelAction })}
      >
        <option value="skip">Skip this step and continue</option>
        <option value="exit">Exit the sequence</option>
      </Select>
    </Field>
  );
}

export function StepFields(props: Props) {
  const { step, onChange, errorFor, onTouch, autoFocus } = props;
  switch (step.type) {
    case "email": {
      const subject = errorFor("subject");
      const body = errorFor("body");
      return (
        <div className="space-y-3">
          <Field label="Subject" htmlFor={`${step.key}-subject`} error={subject}>
            <TextInput
              {...a11y(`${step.key}-subject`, subject)}
              value={step.subject}
              maxLength={STEP_LIMITS.subject}
              autoFocus={autoFocus}
              onBlur={() => onTouch("subject")}
              onChange={(e) => onChange({ subject: e.target.value })}
            />
          </Field>
          <Field label="Body" htmlFor={`${step.key}-body`} error={body} hint={MERGE_HINT}>
            <TextArea
              {...a11y(`${step.key}-body`, body)}
              rows={4}
              value={step.body}
              onBlur={() => onTouch("body")}
              onChange={(e) => onChange({ body: e.target.value })}
            />
          </Field>
          <MissingChannelField step={step} onChange={onChange} />
        </div>
      );
    }
    case "sms": {
      const body = errorFor("body");
      const counterId = `${step.key}-sms-count`;
      const over = step.body.length > SMS_MAX;
      return (
        <div className="space-y-1">
          <Field label="Message" htmlFor={`${step.key}-body`} error={body}>
            <TextArea
              {...a11y(`${step.key}-body`, body, counterId)}
              rows={3}
              value={step.body}
              autoFocus={autoFocus}
              onBlur={() => onTouch("body")}
              onChange={(e) => onChange({ body: e.target.value.slice(0, SMS_MAX) })}
            />
          </Field>
          <p id={counterId} className={`text-right text-xs ${over ? "text-red-700" : "text-slate-500"}`}>
            {step.body.length}/{SMS_MAX} characters
          </p>
          <MissingChannelField step={step} onChange={onChange} />
        </div>
      );
    }
    case "wait":
      return <WaitFields {...props} step={step} />;
    case "task": {
      const title = errorFor("title");
      const note = errorFor("note");
      return (
        <div className="space-y-3">
          <Field label="Task title" htmlFor={`${step.key}-title`} error={title}>
            <TextInput
              {...a11y(`${step.key}-title`, title)}
              value={step.title}
              maxLength={STEP_LIMITS.taskTitle}
              autoFocus={autoFocus}
              onBlur={() => onTouch("title")}
              onChange={(e) => onChange({ title: e.target.value })}
            />
          </Field>
          <Field label="Note for the assignee" htmlFor={`${step.key}-note`} error={note}>
            <TextArea
              {...a11y(`${step.key}-note`, note)}
              rows={2}
              value={step.note}
              maxLength={STEP_LIMITS.taskNote}
              onBlur={() => onTouch("note")}
              onChange={(e) => onChange({ note: e.target.value })}
            />
          </Field>
        </div>
      );
    }
  }
}
