import { DateTime } from "@/components/ui/date-time";
import type { MessageDetail } from "@/lib/views/messages";

const OUTCOME = {
  sent: { text: "Sent", className: "text-green-800" },
  retrying: { text: "Failed, retried", className: "text-amber-800" },
  failed: { text: "Failed, no more retries", className: "text-red-700" },
} as const;

/** Each delivery attempt: when, what happened, and a summary of the error (never the transport's raw text). */
export function DeliveryAttempts({ message }: { message: MessageDetail }) {
  const listed = message.deliveryAttempts.length;
  return (
    <section
      aria-labelledby="attempts-heading"
      className="rounded-lg bg-white px-6 py-4 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="attempts-heading" className="text-sm font-semibold text-slate-900">
        Delivery attempts
      </h2>
      {listed === 0 ? (
        <p className="mt-2 text-sm text-slate-600" data-testid="attempts-none">
          {message.status === "queued" ? (
            <>
              Not tried yet.{" "}
              {message.nextAttemptAt ? (
                <>
                  Due <DateTime value={message.nextAttemptAt} />.
                </>
              ) : null}
            </>
          ) : (
            "No attempt recorded."
          )}
        </p>
      ) : (
        <table className="mt-2 min-w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                Attempt
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                Time
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                Outcome
              </th>
              <th scope="col" className="py-1 font-medium">
                Error
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {message.deliveryAttempts.map((a) => (
              <tr key={a.attempt} data-testid="attempt-row">
                <td className="py-1.5 pr-4 text-slate-700">#{a.attempt}</td>
                <td className="py-1.5 pr-4 text-xs whitespace-nowrap text-slate-700">
                  {a.at ? <DateTime value={a.at} /> : "—"}
                </td>
                <td className={`py-1.5 pr-4 font-medium ${OUTCOME[a.outcome].className}`}>{OUTCOME[a.outcome].text}</td>
                <td className="py-1.5 text-slate-700">{a.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message.attempts > listed && listed > 0 ? (
        <p className="mt-2 text-xs text-slate-500">
          {message.attempts} attempts in all; earlier ones were made before attempts were itemised.
        </p>
      ) : null}
      {message.status === "queued" && listed > 0 && message.nextAttemptAt ? (
        <p className="mt-2 text-xs text-slate-600">
          Next attempt <DateTime value={message.nextAttemptAt} />.
        </p>
      ) : null}
    </section>
  );
}
