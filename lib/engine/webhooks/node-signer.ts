import { createHmac } from "node:crypto";
import { SECRET_PREFIX, type WebhookSigner } from "@/lib/domain/webhook-signature";

const keys = new Map<string, Buffer>();

/** `signWebhook` on node:crypto, with the decoded key cached per secret. */
export const nodeSignWebhook: WebhookSigner = (secret, id, timestampSeconds, body) => {
  let key = keys.get(secret);
  if (!key) {
    if (!secret.startsWith(SECRET_PREFIX)) throw new Error("A webhook secret starts with whsec_");
    key = Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
    if (keys.size > 1000) keys.clear();
    keys.set(secret, key);
  }
  return `v1,${createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64")}`;
};
