import "server-only";
import { networkPolicyFromEnv, refuseWebhookUrl } from "@/lib/domain/webhook-address";
import { DomainError } from "../errors";

/** Refuses a URL the delivery would refuse (https only; no private hosts in production). */
export function assertWebhookUrl(url: string): void {
  const refused = refuseWebhookUrl(url, networkPolicyFromEnv());
  if (refused) throw new DomainError(refused, "invalid", { fieldErrors: { url: [refused] } });
}
