import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SystemFiguresPanel } from "@/components/system/system-figures";
import { PageHeader } from "@/components/ui/page-header";
import { readSystemFigures } from "@/lib/server/system/read-system-figures";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "System" };

export default async function SystemPage() {
  const me = await currentUser();
  if (me?.role !== "admin") notFound();
  const initial = await readSystemFigures();
  return (
    <>
      <PageHeader
        title="System"
        description="The runner's backlog, the delivery queue and the workers, live (refreshed every 5 seconds). The same figures are at /api/metrics for Prometheus."
      />
      <SystemFiguresPanel initial={initial} />
    </>
  );
}
