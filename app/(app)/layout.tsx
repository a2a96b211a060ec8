import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { TopNav } from "@/components/layout/top-nav";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { TimeZoneProvider } from "@/components/ui/time-zone-provider";
import { currentUserOrOutage } from "@/lib/server/current-user-or-outage";
import { getDisplayTimeZone } from "@/lib/server/organization/display-time-zone";

// Every page below requires a signed-in user; server actions and route handlers check again themselves.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUserOrOutage();
  if (user === "outage") return <DatabaseUnavailable />;
  if (!user) redirect("/signin");
  const zone = await getDisplayTimeZone(user.id);
  return (
    <TimeZoneProvider zone={zone}>
      <div className="min-h-screen">
        <TopNav user={user} timeZone={zone} />
        <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
      </div>
    </TimeZoneProvider>
  );
}
