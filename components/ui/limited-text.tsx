"use client";
import { forwardRef, useState, type InputHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { checkLimit, limitState } from "@/lib/domain/input-limits";
import { inputClass } from "./field";

type LimitProps = {
  /** Most characters the field takes. No `maxLength`: the browser would cut a paste silently. */
  max: number;
  /** The field's name in the refusal message ("Subject is limited to …"). */
  label: string;
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
};

/**
 * The counter (from 80 % of the limit) and the refusal message of a limited field. The id is the
 * field's id + "-limit", so the field can point at it with aria-describedby.
 */
function LimitNote({ id, value, max, refused }: { id: string; value: string; max: number; refused: string | null }) {
  const state = limitState(value, max);
  if (!refused && !state.showCounter) return <span id={`${id}-limit`} hidden />;
  return (
    <p id={`${id}-limit`} className="flex justify-between gap-3 text-xs" data-testid="limit-note">
      <span role={refused ? "alert" : undefined} className="text-red-700">
        {refused}
      </span>
      {state.showCounter ? (
        <span className={state.atLimit ? "font-medium text-red-700" : "text-amber-800"}>
          {state.count.toLocaleString("en-US")}/{max.toLocaleString("en-US")}
        </span>
      ) : null}
    </p>
  );
}

function useLimited(props: LimitProps) {
  const [own, setOwn] = useState(props.defaultValue ?? "");
  const [refused, setRefused] = useState<string | null>(null);
  const value = props.value ?? own;
  const change = (next: string) => {
    const check = checkLimit(next, props.max, props.label);
    if (!check.ok) {
      setRefused(check.message);
      return;
    }
    setRefused(null);
    if (props.value === undefined) setOwn(next);
    props.onValueChange?.(next);
  };
  return { value, refused, change };
}

function describedBy(id: string | undefined, existing: string | undefined): string | undefined {
  return [existing, id ? `${id}-limit` : null].filter(Boolean).join(" ") || undefined;
}

export const LimitedTextInput = forwardRef<
  HTMLInputElement,
  LimitProps & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "defaultValue" | "maxLength">
>(function LimitedTextInput({ max, label, value, defaultValue, onValueChange, ...rest }, ref) {
  const limited = useLimited({ max, label, value, defaultValue, onValueChange });
  const id = rest.id ?? rest.name ?? "";
  return (
    <>
      <input
        {...rest}
        ref={ref}
        value={limited.value}
        aria-describedby={describedBy(id, rest["aria-describedby"])}
        className={`${inputClass} ${rest.className ?? ""}`}
        onChange={(e) => {
          limited.change(e.target.value);
          rest.onChange?.(e);
        }}
      />
      <LimitNote id={id} value={limited.value} max={max} refused={limited.refused} />
    </>
  );
});

export const LimitedTextArea = forwardRef<
  HTMLTextAreaElement,
  LimitProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "defaultValue" | "maxLength">
>(function LimitedTextArea({ max, label, value, defaultValue, onValueChange, ...rest }, ref) {
  const limited = useLimited({ max, label, value, defaultValue, onValueChange });
  const id = rest.id ?? rest.name ?? "";
  return (
    <>
      <textarea
        {...rest}
        ref={ref}
        value={limited.value}
        aria-describedby={describedBy(id, rest["aria-describedby"])}
        className={`${inputClass} ${rest.className ?? ""}`}
        onChange={(e) => {
          limited.change(e.target.value);
          rest.onChange?.(e);
        }}
      />
      <LimitNote id={id} value={limited.value} max={max} refused={limited.refused} />
    </>
  );
});
