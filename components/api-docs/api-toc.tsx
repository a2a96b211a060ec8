import type { ApiReferenceView } from "@/lib/domain/api-reference";
import { MethodBadge } from "./method-badge";

const LINK =
  "block rounded px-2 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600";

/** The in-page table of contents: plain anchors, so it works without script and from the keyboard. */
export function ApiToc({ reference }: { reference: ApiReferenceView }) {
  return (
    <nav
      aria-label="API reference contents"
      className="mb-8 rounded-lg bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200 lg:sticky lg:top-6 lg:mb-0 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto"
    >
      <h2 className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Contents</h2>
      <ul className="space-y-1">
        <li>
          <a href="#overview" className={`${LINK} font-medium text-slate-900`}>
            Overview
          </a>
        </li>
        {reference.tags.map((tag) => (
          <li key={tag.id}>
            <a href={`#${tag.id}`} className={`${LINK} font-medium text-slate-900`}>
              {tag.title}
            </a>
            <ul className="mb-1 ml-2">
              {tag.operations.map((op) => (
                <li key={op.id}>
                  <a href={`#${op.id}`} className={`${LINK} flex items-start gap-2 text-slate-700`}>
                    <MethodBadge method={op.method} />
                    <span className="min-w-0 font-mono text-xs leading-5 break-all">{op.path}</span>
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
        <li>
          <a href="#errors" className={`${LINK} font-medium text-slate-900`}>
            Errors
          </a>
        </li>
      </ul>
    </nav>
  );
}
