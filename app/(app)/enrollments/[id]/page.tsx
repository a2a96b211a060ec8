import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { EnrollmentActions } from "@/components/enrollments/enrollment-actions";
import { pendingDeliveryText } from "@/components/enrollments/delivery-status";
import { EnrollmentStatusBadge } from "@/components/enrollments/enrollment-status-badge";
import { exitReasonText } from "@/components/enrollments/event-labels";
import { StepList } from "@/components/enrollments/step-list";
import { Timeline } from "@/components/enrollments/timeline";
import { PinnedVersionBadge } from "@/components/enrollments/version-badge";
import { BackLink } from "@/components/sequences/back-link";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { roleAtLeast } from "@/lib/domain/roles";
import { findEnrollmentDetail } from "@/lib/server/enrollment-views/find-enrollment-detail";
import { uuidParam } from "@/lib/server/route-params";
import { getOrganizationSettings } from "@/lib/server/organization/get-organization-settings";
import { getDisplayTimeZone } from "@/lib/server/organization/display-time-zone";
import { currentUser } from "@/lib/server/session";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Enrollment" };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export default async function EnrollmentDetailPage({ params }: Params) {
  const id = uuidParam((await params).id);
  const [user, detail] = await Promise.all([currentUser(), findEnrollmentDetail(id)]);
  if (!detail || !user) notFound();
  const [zone, organization] = await Promise.all([getDisplayTimeZone(user.id), getOrganizationSettings()]);
  const contactZone = detail.contact.timeZone ?? organization.timeZone;
  const canEdit = roleAtLeast(user.role, "editor");
  const name = [detail.contact.firstName, detail.contact.lastName].filter(Boolean).join(" ");
  const current = detail.steps.find((s) => s.state === "current");
  const exitReason = exitReasonText(detail.exitReason);
  const delivering = pendingDeliveryText(detail.status, detail.pendingMessages);

  return (
    <>
      <BackLink
        href={`/enrollments?sequence=${detail.sequence.id}`}
      >{`Enrollments in ${detail.sequence.name}`}</BackLink>
      <PageHeader
        title={name || detail.contact.email}
        description={
          <>
            {name ? <>{detail.contact.email} · </> : null}
            in{" "}
            <Link href={`/sequences/${detail.sequence.id}`} className="font-medium text-indigo-700 hover:underline">
              {detail.sequence.name}
            </Link>
            {detail.contact.unsubscribedAt ? (
              <>
                {" "}
                · unsubscribed <DateTime value={detail.contact.unsubscribedAt} />
              </>
            ) : null}
            <span className="block text-xs text-slate-500" data-testid="enrollment-zones">
              Times in {zone} · the contact&apos;s time zone is {contactZone}
              {detail.contact.timeZone ? "" : " (the organisation's)"}
            </span>
          </>
        }
        actions={
          canEdit ? (
            <EnrollmentActions
              enrollmentId={detail.id}
              contactId={detail.contact.id}
              contactEmail={detail.contact.email}
              status={detail.status}
              exitOnReply={detail.pinned.settings.exitOnReply}
              openTask={detail.openTask ? { id: detail.openTask.id, title: detail.openTask.title } : null}
            />
          ) : null
        }
      />

      <dl className="mb-6 grid grid-cols-2 gap-6 rounded-lg bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200 lg:grid-cols-4">
        <Fact label="Status">
          <span className="flex flex-wrap items-center gap-2" data-testid="enrollment-status">
            <EnrollmentStatusBadge status={detail.status} />
            {exitReason ? <span className="text-xs text-slate-600">{exitReason}</span> : null}
          </span>
          {delivering ? (
            <span className="mt-1 block text-xs font-medium text-amber-800" data-testid="enrollment-delivering">
              {delivering}
            </span>
          ) : null}
        </Fact>
        <Fact label="Pinned version">
          <PinnedVersionBadge pinned={detail.pinned.number} active={detail.active?.number ?? null} />
          <span className="mt-1 block text-xs text-slate-500">
            Published <DateTime value={detail.pinned.publishedAt} />
            {detail.pinned.note ? <> · {detail.pinned.note}</> : null}
          </span>
          {detail.active && detail.versionsBehind > 0 ? (
            <Link
              href={`/sequences/${detail.sequence.id}/diff?from=${detail.pinned.number}&to=${detail.active.number}`}
              className="mt-1 inline-block text-xs font-medium text-indigo-700 hover:underline"
            >
              What changed from v{detail.pinned.number} to v{detail.active.number}
            </Link>
          ) : null}
        </Fact>
        <Fact label="Now">
          {current ? (
            <>
              Step {current.index + 1} of {detail.steps.length}
              <span className="block text-xs text-slate-500">
                {current.note ??
                  (current.expectedAt ? (
                    <>
                      {current.step.type === "wait" ? "until" : "expected"} <DateTime value={current.expectedAt} />
                    </>
                  ) : (
                    ""
                  ))}
              </span>
            </>
          ) : detail.status === "completed" ? (
            <>
              Finished <DateTime value={detail.finishedAt} />
            </>
          ) : detail.finishedAt ? (
            <>
              Ended <DateTime value={detail.finishedAt} />
            </>
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Enrolled">
          <DateTime value={detail.enrolledAt} />
        </Fact>
      </dl>

      <div className="grid gap-6 lg:grid-cols-5">
        <section
          aria-labelledby="steps-heading"
          className="self-start overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 lg:col-span-2"
        >
          <div className="border-b border-slate-200 px-5 py-3">
            <h2 id="steps-heading" className="text-sm font-semibold text-slate-900">
              Steps of v{detail.pinned.number}
            </h2>
            <p className="text-xs text-slate-500">
              This contact follows its pinned version, whatever is published later. Steps already run show what was
              sent; steps to come, how they will render for this contact.
            </p>
          </div>
          <StepList
            steps={detail.steps}
            deliveries={detail.deliveries}
            rendered={detail.rendered}
            contact={detail.contact}
            zone={zone}
            contactZone={contactZone}
          />
        </section>
        <section
          aria-labelledby="timeline-heading"
          className="self-start overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 lg:col-span-3"
        >
          <div className="border-b border-slate-200 px-5 py-3">
            <h2 id="timeline-heading" className="text-sm font-semibold text-slate-900">
              Timeline
            </h2>
            <p className="text-xs text-slate-500">
              Grouped by the step and version that produced each event, newest first.
            </p>
          </div>
          <Timeline entries={detail.timeline} truncated={detail.timelineTruncated} zone={zone} />
        </section>
      </div>
    </>
  );
}
