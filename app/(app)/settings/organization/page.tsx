import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrganizationProfileSection } from "@/components/organization/organization-profile-section";
import { SendingLimitsSection } from "@/components/organization/sending-limits-section";
import { ReviewPolicySection } from "@/components/reviews/review-policy-section";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { timeZoneList } from "@/lib/domain/format-date";
import { getOrganizationSettings } from "@/lib/server/organization/get-organization-settings";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "Organization settings" };

// Admins only (the action checks again). Each section is its own component with its own Save.
export default async function OrganizationSettingsPage() {
  const me = await currentUser();
  if (me?.role !== "admin") notFound();
  const settings = await getOrganizationSettings();
  return (
    <>
      <PageHeader
        title="Organization"
        description={
          <>
            Settings for the whole organisation. Last saved <DateTime value={settings.updatedAt} />.
          </>
        }
      />
      <div className="grid max-w-3xl gap-6">
        <OrganizationProfileSection
          initial={{ name: settings.name, timeZone: settings.timeZone, postalAddress: settings.postalAddress }}
          zones={timeZoneList()}
        />
        <SendingLimitsSection initial={{ dailyEmailCap: settings.dailyEmailCap, dailySmsCap: settings.dailySmsCap }} />
        <ReviewPolicySection
          initial={{ reviewPolicy: settings.reviewPolicy, reviewThreshold: settings.reviewThreshold }}
        />
      </div>
    </>
  );
}
