import "server-only";
import { isConnectionLoss } from "@/lib/domain/connection-loss";
import { markDatabaseDown } from "./database-health";
import { currentUser, type SessionUser } from "./session";

/**
 * The signed-in user for a layout, or "outage" when the database dropped since the proxy's last
 * probe: the layout then renders the "Database unavailable" page instead of throwing where no
 * error boundary can catch it, and the proxy answers the next request (its retry) with a 503.
 */
export async function currentUserOrOutage(): Promise<SessionUser | null | "outage"> {
  try {
    return await currentUser();
  } catch (error) {
    if (!isConnectionLoss(error)) throw error;
    markDatabaseDown();
    return "outage";
  }
}
