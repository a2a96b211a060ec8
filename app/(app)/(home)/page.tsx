import type { Metadata } from "next";
import { z } from "zod";
import { ActiveSequences } from "@/components/dashboard/active-sequences";
import { RecentChanges } from "@/components/dashboard/recent-changes";
import { SequenceCharts } from "@/components/dashboard/sequence-charts";
import { CardLink, StatCard } from "@/components/dashboard/stat-card";
import { formatCount } from "@/components/ui/format";
import { CountAge } from "@/components/ui/count-age";
import { PageHeader } from "@/components/ui/page-header";
import { COUNT_REUSE_MS } from "@/lib/server/cache/count-reuse";
import { countDueMessages } from "@/lib/server/dashboard/count-due-messages";
import { countOpenTasks } from "@/lib/server/dashboard/count-open-tasks";
import { countRecentFailures } from "@/lib/server/dashboard/count-recent-failures";
import { listActiveSequences } from "@/lib/server/dashboard/list-active-sequences";
import { listOutcomeSeries } from "@/lib/server/dashboard/list-outcome-series";
import { listRecentChanges } from "@/lib/server/dashboard/list-recent-changes";
import { listVersionFunnels } from "@/lib/server/dashboard/list-version-funnels";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Dashboard" };

const sequenceParam = z.uuid().nullable().catch(null);

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).sequence;
  const requested = sequenceParam.parse((Array.isArray(raw) ? raw[0] : raw) ?? null);
  const now = new Date();
  const user = await currentUser();
  const [{ rows: active, ageMs: activeAgeMs }, due, tasks, failures, changes] = await Promise.all([
    listActiveSequences({ reuse: true }),
    countDueMessages({ now, reuse: true }),
    countOpenTasks({ now, userId: user?.id ?? null }),
    countRecentFailures({ now }),
    listRecentChanges(),
  ]);
  // Charts for the requested sequence, else the one with the most contacts in flight.
  const selected = active.find((s) => s.id === requested) ?? active[0];
  const [series, funnels] = selected
    ? await Promise.all([
        listOutcomeSeries({ sequenceId: selected.id, now }),
        listVersionFunnels({ sequenceId: selected.id }),
      ])
    : [null, null];
  const inFlight = active.reduce((sum, s) => sum + s.inFlight, 0);

  return (
    <>
      <PageHeader title="Dashboard" description="What is running now, what is due, what failed, and what changed." />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Contacts in flight" value={formatCount(inFlight)} testId="stat-in-flight">
          <p>
            Active or paused, across {active.length === 1 ? "1 active sequence" : `${active.length} active sequences`}.
          </p>
          <CountAge ageMs={activeAgeMs} reuseSeconds={COUNT_REUSE_MS / 1000} />
        </StatCard>
        <StatCard label="Messages due in 24 hours" value={formatCount(due.total)} testId="stat-due">
          <p>
            {formatCount(due.email)} email · {formatCount(due.sms)} SMS. Active enrollments whose next step is a message
            and whose next run is within 24 hours (or overdue).
          </p>
          <CountAge ageMs={due.ageMs} reuseSeconds={COUNT_REUSE_MS / 1000} />
        </StatCard>
        <StatCard label="Open tasks" value={formatCount(tasks.open)} testId="stat-tasks">
          <p>
            {formatCount(tasks.overdue)} past their due date. <CardLink href="/tasks">Open the task list</CardLink>
          </p>
          <p>
            <CardLink href="/tasks?assignee=me&due=overdue">
              {formatCount(tasks.overdueForUser)} overdue for you
            </CardLink>
          </p>
        </StatCard>
        <StatCard
          label="Failures in the last 24 hours"
          value={formatCount(failures.messages + failures.enrollments)}
          testId="stat-failures"
        >
          <p>
            <CardLink href="/messages?status=failed">{formatCount(failures.messages)} failed messages</CardLink>{" "}
            (created in the last 24 hours)
          </p>
          <p>
            <CardLink href="/enrollments?status=failed">
              {formatCount(failures.enrollments)} failed enrollments
            </CardLink>{" "}
            (ended in the last 24 hours)
          </p>
        </StatCard>
      </div>
      <div className="mt-6 grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <ActiveSequences rows={active} />
        </div>
        <RecentChanges changes={changes} />
      </div>
      <div className="mt-8">
        {selected && series && funnels ? (
          <SequenceCharts
            sequences={active.map((s) => ({ id: s.id, name: s.name }))}
            selectedId={selected.id}
            series={series}
            funnels={funnels}
          />
        ) : null}
      </div>
    </>
  );
}
