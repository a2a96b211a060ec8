import type { Metadata } from "next";
import { ApiOperation } from "@/components/api-docs/api-operation";
import { ApiToc } from "@/components/api-docs/api-toc";
import { FieldTable } from "@/components/api-docs/field-table";
import { RichText } from "@/components/api-docs/rich-text";
import { PageHeader } from "@/components/ui/page-header";
import { buildOpenApiDocument } from "@/lib/domain/api-openapi";
import { problem } from "@/lib/domain/api-problem";
import { buildApiReference } from "@/lib/domain/api-reference";

export const metadata: Metadata = { title: "API reference" };

// Our own server-rendered reference, built from the same OpenAPI document /api/v1/openapi.json
// serves. It replaced the Scalar widget (@scalar/api-reference-react), whose own markup failed axe
// with critical violations (aria-allowed-attr, button-name, color-contrast) that no theme or
// custom CSS can fix (missing names and ARIA attributes are in its components), and which shipped
// a large client bundle to render a static document. Here: plain HTML tables and anchors, no
// client script, nothing fetched from anywhere.
const reference = buildApiReference(buildOpenApiDocument());

const EXAMPLE_PROBLEM = problem("invalid-request", "A field failed validation", {
  errors: { "contacts.3.email": ["Invalid email address"] },
});

const LINK =
  "rounded font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
const CARD = "scroll-mt-6 rounded-lg bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200";

export default function ApiDocsPage() {
  const operations = reference.tags.reduce((n, tag) => n + tag.operations.length, 0);
  return (
    <>
      <PageHeader
        title="API reference"
        description="The REST API under /api/v1, generated from the schemas that validate every request. Authenticate with an API key (Settings > API keys)."
        actions={
          <a
            href="/api/v1/openapi.json"
            download="sequencer-openapi.json"
            className="inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Download the OpenAPI document (JSON)
          </a>
        }
      />
      <div className="lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-8">
        <ApiToc reference={reference} />
        <div className="min-w-0 space-y-10">
          <section id="overview" aria-labelledby="overview-title" className={CARD}>
            <h2 id="overview-title" className="text-lg font-semibold text-slate-900">
              {reference.title} <span className="font-normal text-slate-600">version {reference.version}</span>
            </h2>
            <div className="mt-2 space-y-2 text-sm text-slate-700">
              {reference.intro.map((paragraph, i) => (
                <p key={i}>
                  <RichText text={paragraph} />
                </p>
              ))}
            </div>
            <dl className="mt-4 grid grid-cols-[8rem_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
              <dt className="font-medium text-slate-900">Base URL</dt>
              <dd>
                <code className="font-mono text-slate-800">{reference.serverUrl}</code>{" "}
                <span className="text-slate-600">(on this server)</span>
              </dd>
              {reference.auth ? (
                <>
                  <dt className="font-medium text-slate-900">Authentication</dt>
                  <dd className="text-slate-700">
                    <RichText text={reference.auth} />
                  </dd>
                </>
              ) : null}
              <dt className="font-medium text-slate-900">Operations</dt>
              <dd className="text-slate-700">{operations}</dd>
              <dt className="font-medium text-slate-900">Document</dt>
              <dd className="text-slate-700">
                OpenAPI {reference.openapi}:{" "}
                <a href="/api/v1/openapi.json" className={LINK}>
                  /api/v1/openapi.json
                </a>
              </dd>
            </dl>
          </section>
          {reference.tags.map((tag) => (
            <section key={tag.id} aria-labelledby={tag.id} className="space-y-4">
              <h2 id={tag.id} className="scroll-mt-6 text-xl font-semibold tracking-tight text-slate-900">
                {tag.title}
              </h2>
              {tag.operations.map((op) => (
                <ApiOperation key={op.id} op={op} />
              ))}
            </section>
          ))}
          <section id="errors" aria-labelledby="errors-title" className={CARD}>
            <h2 id="errors-title" className="text-xl font-semibold tracking-tight text-slate-900">
              Errors
            </h2>
            <p className="mt-2 text-sm text-slate-700">
              Every error is an RFC 9457 problem document, sent as{" "}
              <code className="font-mono text-xs">application/problem+json</code> with the HTTP status of the error. A
              validation error lists the failing fields in <code className="font-mono text-xs">errors</code>, keyed by
              their dotted path (<code className="font-mono text-xs">_</code> for the whole body).
            </p>
            <div className="mt-3 overflow-hidden rounded-md ring-1 ring-slate-200">
              <FieldTable caption="Fields of a problem document" rows={reference.problem.fields} />
            </div>
            <h3 className="mt-4 text-sm font-semibold text-slate-900">Example (400)</h3>
            <pre className="mt-2 rounded-md bg-slate-900 p-4 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
              {JSON.stringify(EXAMPLE_PROBLEM, null, 2)}
            </pre>
          </section>
        </div>
      </div>
    </>
  );
}
