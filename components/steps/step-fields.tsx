"use client";
import { useRef, useState } from "react";
import { MergeFieldButton } from "@/components/editor/merge-field-button";
import { Field, Select, TextInput } from "@/components/ui/field";
import { LimitedTextArea, LimitedTextInput } from "@/components/ui/limited-text";
import type { DraftStep } from "@/lib/domain/draft";
import { checkLimit } from "@/lib/domain/input-limits";
import {
  CONTACT_MERGE_FIELDS,
  MAX_EMAIL_BODY_BYTES,
  STEP_LIMITS,
  WAIT_UNITS,
  type MissingChannelAction,
} from "@/lib/domain/step-kinds";

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
const MERGE_HINT = `Merge fields: ${CONTACT_MERGE_FIELDS.map((f) => `{{${f}}}`).join(", ")}, custom attributes`;

type TextField = HTMLInputElement | HTMLTextAreaElement;

/**
 * Inserts a merge tag where the cursor was in the last text field of the step that had focus
 * (the end when none had), refusing it like a keystroke when it would pass the field's limit.
 */
function useTagInsertion(onChange: (patch: StepPatch) => void) {
  const fields = useRef(new Map<string, { el: TextField | null; max: number; label: string }>());
  const last = useRef<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const bind = (field: string, max: number, label: string) => ({
    ref: (el: TextField | null) => {
      fields.current.set(field, { el, max, label });
    },
    onFocusCapture: () => {
      last.current = field;
    },
  });
  const insert = (fallbackField: string, tag: string) => {
    const field = last.current ?? fallbackField;
    const entry = fields.current.get(field);
    const el = entry?.el;
    if (!entry || !el) return;
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    const next = el.value.slice(0, start) + tag + el.value.slice(end);
    const check = checkLimit(next, entry.max, entry.label);
    if (!check.ok) {
      setRefused(check.message);
      return;
    }
    setRefused(null);
    onChange({ [field]: next });
    window.requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + tag.length, start + tag.length);
    });
  };
  return { bind, insert, refused };
}

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

function EmailFields({
  step,
  onChange,
  errorFor,
  onTouch,
  autoFocus,
}: Props & { step: Extract<DraftStep, { type: "email" }> }) {
  const subject = errorFor("subject");
  const body = errorFor("body");
  const tags = useTagInsertion(onChange);
  return (
    <div className="space-y-3">
      <div className="flex justify-end">
        <MergeFieldButton target="this email" onInsert={(tag) => tags.insert("body", tag)} />
      </div>
      {tags.refused ? (
        <p role="alert" className="text-xs text-red-700">
          {tags.refused}
        </p>
      ) : null}
      <Field label="Subject" htmlFor={`${step.key}-subject`} error={subject}>
        <LimitedTextInput
          {...a11y(`${step.key}-subject`, subject)}
          {...tags.bind("subject", STEP_LIMITS.subject, "Subject")}
          max={STEP_LIMITS.subject}
          label="Subject"
          value={step.subject}
          autoFocus={autoFocus}
          onBlur={() => onTouch("subject")}
          onValueChange={(value) => onChange({ subject: value })}
        />
      </Field>
      <Field label="Body" htmlFor={`${step.key}-body`} error={body} hint={MERGE_HINT}>
        <LimitedTextArea
          {...a11y(`${step.key}-body`, body)}
          {...tags.bind("body", MAX_EMAIL_BODY_BYTES, "Body")}
          rows={4}
          max={MAX_EMAIL_BODY_BYTES}
          label="Body"
          value={step.body}
          onBlur={() => onTouch("body")}
          onValueChange={(value) => onChange({ body: value })}
        />
      </Field>
      <MissingChannelField step={step} onChange={onChange} />
    </div>
  );
}

function SmsFields({
  step,
  onChange,
  errorFor,
  onTouch,
  autoFocus,
}: Props & { step: Extract<DraftStep, { type: "sms" }> }) {
  const body = errorFor("body");
  const tags = useTagInsertion(onChange);
  const counterId = `${step.key}-sms-count`;
  return (
    <div className="space-y-1">
      <div className="flex justify-end">
        <MergeFieldButton target="this SMS" onInsert={(tag) => tags.insert("body", tag)} />
      </div>
      {tags.refused ? (
        <p role="alert" className="text-xs text-red-700">
          {tags.refused}
        </p>
      ) : null}
      <Field label="Message" htmlFor={`${step.key}-body`} error={body}>
        <LimitedTextArea
          {...a11y(`${step.key}-body`, body, counterId)}
          {...tags.bind("body", SMS_MAX, "SMS text")}
          rows={3}
          max={SMS_MAX}
          label="SMS text"
          value={step.body}
          autoFocus={autoFocus}
          onBlur={() => onTouch("body")}
          onValueChange={(value) => onChange({ body: value })}
        />
      </Field>
      <p id={counterId} className="text-right text-xs text-slate-500">
        {step.body.length}/{SMS_MAX} characters · {Math.max(1, Math.ceil(step.body.length / 160))} SMS part
        {step.body.length > 160 ? "s" : ""}
      </p>
      <MissingChannelField step={step} onChange={onChange} />
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
    case "email":
      return <EmailFields {...props} step={step} />;
    case "sms":
      return <SmsFields {...props} step={step} />;
    case "wait":
      return <WaitFields {...props} step={step} />;
    case "task": {
      const title = errorFor("title");
      const note = errorFor("note");
      return (
        <div className="space-y-3">
          <Field label="Task title" htmlFor={`${step.key}-title`} error={title}>
            <LimitedTextInput
              {...a11y(`${step.key}-title`, title)}
              max={STEP_LIMITS.taskTitle}
              label="Task title"
              value={step.title}
              autoFocus={autoFocus}
              onBlur={() => onTouch("title")}
              onValueChange={(value) => onChange({ title: value })}
            />
          </Field>
          <Field label="Note for the assignee" htmlFor={`${step.key}-note`} error={note}>
            <LimitedTextArea
              {...a11y(`${step.key}-note`, note)}
              rows={2}
              max={STEP_LIMITS.taskNote}
              label="Task note"
              value={step.note}
              onBlur={() => onTouch("note")}
              onValueChange={(value) => onChange({ note: value })}
            />
          </Field>
        </div>
      );
    }
  }
}
