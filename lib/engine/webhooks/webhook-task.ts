import type { Task } from "graphile-worker";
import type pg from "pg";
import { z } from "zod";
import { networkPolicyFromEnv } from "@/lib/domain/webhook-address";
import { deliverEndpoint, type EndpointRunResult, type WebhookDeliveryOptions } from "./deliver-webhooks";
import { guardedAgents } from "./guarded-agent";

/** The graphile-worker task the database's `webhook_wake()` queues, one job per endpoint. */
export const WEBHOOK_TASK = "webhook_deliver";

const payloadSchema = z.object({ endpointId: z.uuid() });

export type WebhookTasks = { tasks: Record<string, Task>; close: () => void };

/** Task list entry for the worker; `close` drops the keep-alive sockets at shutdown. */
export function webhookTasks(
  options: { pool: pg.Pool; onResult?: (result: EndpointRunResult) => void } & Partial<
    Omit<WebhookDeliveryOptions, "pool">
  >,
): WebhookTasks {
  const policy = options.policy ?? networkPolicyFromEnv();
  const agents = options.agents ?? guardedAgents(policy);
  const task: Task = async (payload) => {
    const { endpointId } = payloadSchema.parse(payload);
    const result = await deliverEndpoint({ ...options, policy, agents, endpointId });
    options.onResult?.(result);
  };
  return { tasks: { [WEBHOOK_TASK]: task }, close: () => agents.destroy() };
}
