// The SSRF guard's network half. Every connection a webhook delivery makes goes through a `lookup`
// that resolves the host itself (all addresses), refuses the connection if any of them is not
// allowed (lib/domain/webhook-address.ts), and hands the socket exactly the addresses it checked,
// so a DNS answer that changes between a check and the connect (rebinding) cannot slip through.
// IP literals skip DNS entirely, so they are checked before the request is made (sendWebhook).
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { refuseAddress, type WebhookNetworkPolicy } from "@/lib/domain/webhook-address";

export class RefusedAddressError extends Error {}

export function guardedLookup(policy: WebhookNetworkPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.map((a) => refuseAddress(a.address, policy)).find((r) => r !== null);
      if (refused) return callback(new RefusedAddressError(`${hostname}: ${refused}`), "", 0);
      if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), "", 0);
      // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily).
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

export type WebhookAgents = { http: http.Agent; https: https.Agent; destroy: () => void };

/** Keep-alive agents whose every connection is checked by the guard. */
export function guardedAgents(policy: WebhookNetworkPolicy, maxSockets = 64): WebhookAgents {
  const lookup = guardedLookup(policy);
  // noDelay: a request is headers then body in two writes; Nagle would hold the body for an ACK.
  const options = { keepAlive: true, maxSockets, lookup, noDelay: true };
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };
  return {
    ...agents,
    destroy: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
