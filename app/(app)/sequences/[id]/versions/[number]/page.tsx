import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/sequences/back-link";
import { buttonClass } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { ReadOnlySteps } from "@/components/versions/read-only-steps";
import { positiveIntParam, uuidParam } from "@/lib/server/route-params";
import { findSequenceForEditor } from "@/lib/server/sequences/find-sequence-for-editor";
import { findVersion } from "@/lib/server/sequences/find-version";

type Params = { params: Promise<{ id: string; number: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Version ${(await params).number}` };
}

export default async function VersionPage({ params }: Params) {
  const raw = await params;
  const id = uuidParam(raw.id);
  const number = positiveIntParam(raw.number);
  const [sequence, version] = await Promise.all([findSequenceForEditor(id), findVersion(id, number)]);
  if (!sequence || !version) notFound();
  const isActive = sequence.activeVersion?.id === version.id;
  return (
    <>
      <BackLink href={`/sequences/${sequence.id}/versions`}>Version history</BackLink>
      <PageHeader
        title={`${sequence.name} · v${version.number}${isActive ? " (active)" : ""}`}
        description={
          <>
            Published <DateTime value={version.publishedAt} /> · hash {version.contentHash.slice(0, 8)} · read-only
          </>
        }
        actions={
          <>
            {version.number > 1 ? (
              <Link
                href={`/sequences/${sequence.id}/diff?from=${version.number - 1}&to=${version.number}`}
                className={buttonClass("secondary")}
              >
                Diff vs v{version.number - 1}
              </Link>
            ) : null}
            <Link
              href={`/sequences/${sequence.id}/diff?from=${version.number}&to=draft`}
              className={buttonClass("secondary")}
            >
              Compare with draft
            </Link>
          </>
        }
      />
      <blockquote className="mb-6 max-w-4xl rounded-lg bg-white px-4 py-3 text-sm text-slate-700 shadow-sm ring-1 ring-slate-200">
        <span className="font-medium text-slate-900">Note: </span>
        {version.note}
      </blockquote>
      <div className="max-w-4xl">
        <ReadOnlySteps steps={version.content.steps} settings={version.content.settings} />
      </div>
    </>
  );
}
