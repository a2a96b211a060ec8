import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DisplayTimeZoneForm } from "@/components/profile/display-time-zone-form";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { timeZoneList } from "@/lib/domain/format-date";
import { getTimeZoneSettings } from "@/lib/server/organization/display-time-zone";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage() {
  const me = await currentUser();
  if (!me) redirect("/signin");
  const zones = await getTimeZoneSettings(me.id);
  return (
    <>
      <PageHeader
        title="Your profile"
        description={
          <>
            {me.name} · {me.email} · {me.role}
          </>
        }
      />
      <section
        aria-labelledby="zone-heading"
        className="max-w-xl overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
      >
        <div className="border-b border-slate-200 px-5 py-3">
          <h2 id="zone-heading" className="text-sm font-semibold text-slate-900">
            Time zone
          </h2>
          <p className="text-xs text-slate-500" data-testid="profile-now">
            Times in {zones.display}: it is now <DateTime value={new Date()} />.
          </p>
        </div>
        <div className="px-5 py-4">
          <DisplayTimeZoneForm initial={zones.own} organizationZone={zones.organization} zones={timeZoneList()} />
        </div>
      </section>
    </>
  );
}
