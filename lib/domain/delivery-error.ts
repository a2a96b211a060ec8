// What a person is told about a failed delivery attempt. Transport errors carry host names, ports,
// stack-ish fragments and server banners; the message page shows a summary from this table and
// never the raw text.

export type DeliveryErrorSummary = {
  summary: string;
  kind: "address" | "connection" | "timeout" | "refused" | "other";
};

const RULES: readonly [RegExp, DeliveryErrorSummary][] = [
  [/has no (email address|phone number)/i, { kind: "address", summary: "The contact has no address for this channel" }],
  [
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|socket hang up|connection closed/i,
    { kind: "connection", summary: "Could not reach the mail server" },
  ],
  [/ETIMEDOUT|timeout|timed out/i, { kind: "timeout", summary: "The mail server did not answer in time" }],
];

/** A short, safe sentence for a stored transport error (null when there is none). */
export function summarizeDeliveryError(error: string | null | undefined): DeliveryErrorSummary | null {
  if (!error) return null;
  // The contact-address error is ours (PermanentDeliveryError): its words are safe as they are.
  for (const [pattern, summary] of RULES) if (pattern.test(error)) return summary;
  const smtp = /\b([45]\d\d)[ -](?:\d\.\d{1,3}\.\d{1,3}\b)?/.exec(error);
  if (smtp) {
    const code = smtp[1]!;
    return {
      kind: "refused",
      summary: code.startsWith("5")
        ? `The mail server refused the message (SMTP ${code})`
        : `The mail server deferred the message (SMTP ${code})`,
    };
  }
  return { kind: "other", summary: "The transport reported an error" };
}
