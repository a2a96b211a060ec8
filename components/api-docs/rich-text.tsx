import type { RichText as Text } from "@/lib/domain/api-reference";

/** Text from the OpenAPI document with its `code` spans in <code>. */
export function RichText({ text }: { text: Text }) {
  return (
    <>
      {text.map((part, i) =>
        part.code ? (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] break-all text-slate-800">
            {part.text}
          </code>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
