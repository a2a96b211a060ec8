import type { ApiOperationView } from "@/lib/domain/api-reference";
import { FieldTable, ParameterTable } from "./field-table";
import { MethodBadge } from "./method-badge";
import { RichText } from "./rich-text";

const SUBHEAD = "text-sm font-semibold text-slate-900";
const FRAME = "mt-2 overflow-hidden rounded-md ring-1 ring-slate-200";

/** One operation of the document: its anchor is its operationId. */
export function ApiOperation({ op }: { op: ApiOperationView }) {
  const titleId = `${op.id}-title`;
  const errorTypes = [...new Set(op.errors.flatMap((e) => (e.contentType ? [e.contentType] : [])))];
  return (
    <article
      id={op.id}
      aria-labelledby={titleId}
      className="scroll-mt-6 rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
      data-operation-id={op.id}
    >
      <header className="border-b border-slate-200 px-5 py-4">
        <h3 id={titleId} className="text-base font-semibold text-slate-900">
          {op.summary}
        </h3>
        <p className="mt-2 flex flex-wrap items-center gap-2">
          <MethodBadge method={op.method} />
          <code className="font-mono text-sm font-medium break-all text-slate-900">{op.path}</code>
        </p>
        {op.description.length > 0 ? (
          <p className="mt-2 text-sm text-slate-700">
            <RichText text={op.description} />
          </p>
        ) : null}
      </header>
      <div className="space-y-6 px-5 py-4">
        {op.parameters.length > 0 ? (
          <section aria-label={`Parameters of ${op.summary}`}>
            <h4 className={SUBHEAD}>Parameters</h4>
            <div className={FRAME}>
              <ParameterTable caption={`Parameters of ${op.method} ${op.path}`} rows={op.parameters} />
            </div>
          </section>
        ) : null}
        {op.body ? (
          <section aria-label={`Request body of ${op.summary}`}>
            <h4 className={SUBHEAD}>
              Request body{" "}
              <span className="font-normal text-slate-600">
                · <code className="font-mono text-xs">{op.body.contentType}</code>
                {op.body.required ? " · required" : ""}
              </span>
            </h4>
            <div className={FRAME}>
              <FieldTable caption={`Request body of ${op.method} ${op.path}`} rows={op.body.fields} />
            </div>
          </section>
        ) : null}
        <section aria-label={`Responses of ${op.summary}`}>
          <h4 className={SUBHEAD}>Responses</h4>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <span className="rounded-md bg-green-50 px-1.5 py-0.5 font-mono text-xs font-semibold text-green-800 ring-1 ring-green-600/30 ring-inset">
              {op.success.status}
            </span>
            {op.success.description}
            {op.success.contentType ? <code className="font-mono text-xs">{op.success.contentType}</code> : null}
          </p>
          {op.success.fields.length > 0 ? (
            <div className={FRAME}>
              <FieldTable
                caption={`Response ${op.success.status} of ${op.method} ${op.path}`}
                rows={op.success.fields}
              />
            </div>
          ) : null}
          {op.errors.length > 0 ? (
            <>
              <p className="mt-4 text-sm text-slate-700">
                Errors, each a{" "}
                <a
                  href="#errors"
                  className="rounded font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                >
                  problem document
                </a>{" "}
                {errorTypes.length > 0 ? (
                  <>
                    (<code className="font-mono text-xs">{errorTypes.join(", ")}</code>)
                  </>
                ) : null}
                :
              </p>
              <dl className="mt-2 grid grid-cols-[3.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
                {op.errors.map((e) => (
                  <div key={e.status} className="contents">
                    <dt className="font-mono font-semibold text-slate-900">{e.status}</dt>
                    <dd className="text-slate-700">{e.description}</dd>
                  </div>
                ))}
              </dl>
            </>
          ) : null}
        </section>
      </div>
    </article>
  );
}
