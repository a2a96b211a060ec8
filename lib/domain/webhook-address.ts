// The SSRF guard's pure half: which URLs an endpoint may have, and which resolved addresses a
// delivery may connect to. The engine resolves the host at delivery time and connects only to an
// address this module allows (lib/engine/webhooks/guarded-agent.ts).

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link_local"
  | "unique_local"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "invalid";

export type WebhookNetworkPolicy = {
  /** Outside production: `http://` to a loopback host, and private addresses, are allowed. */
  allowPrivate: boolean;
};

export function networkPolicyFromEnv(env: Record<string, string | undefined> = process.env): WebhookNetworkPolicy {
  return { allowPrivate: env.NODE_ENV !== "production" || env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES === "1" };
}

const METADATA_V4 = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192"]);

function parseV4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function classifyV4([a, b, c, d]: number[]): AddressClass {
  if (a === undefined || b === undefined || c === undefined || d === undefined) return "invalid";
  if (METADATA_V4.has(`${a}.${b}.${c}.${d}`)) return "metadata";
  if (a === 0) return "unspecified";
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 100 && b >= 64 && b <= 127) return "private"; // carrier-grade NAT
  if (a === 169 && b === 254) return "link_local";
  if (a >= 224 && a <= 239) return "multicast";
  if (a >= 240) return "reserved";
  if ((a === 192 && b === 0 && (c === 0 || c === 2)) || (a === 198 && (b === 18 || b === 19))) return "reserved";
  if ((a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return "reserved";
  return "public";
}

/** Eight 16-bit groups, or null. Accepts "::" compression and a trailing dotted IPv4. */
function parseV6(text: string): number[] | null {
  let s = text.toLowerCase();
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  const lastColon = s.lastIndexOf(":");
  const dotted = s.slice(lastColon + 1);
  if (dotted.includes(".")) {
    const v4 = parseV4(dotted);
    if (!v4) return null;
    const hi = ((v4[0]! << 8) | v4[1]!).toString(16);
    const lo = ((v4[2]! << 8) | v4[3]!).toString(16);
    s = `${s.slice(0, lastColon + 1)}${hi}:${lo}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const group = (part: string) => (part === "" ? [] : part.split(":"));
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  const hex = [...head, ...rest];
  if (!hex.every((h) => /^[0-9a-f]{1,4}$/.test(h))) return null;
  const explicit = hex.length;
  if (halves.length === 1 && explicit !== 8) return null;
  if (halves.length === 2 && explicit > 7) return null;
  const zeros = new Array<number>(8 - explicit).fill(0);
  const nums = (xs: string[]) => xs.map((h) => parseInt(h, 16));
  return halves.length === 2 ? [...nums(head), ...zeros, ...nums(rest)] : nums(head);
}

function classifyV6(g: number[]): AddressClass {
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const allZeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (allZeroUpTo(8)) return "unspecified";
  if (allZeroUpTo(7) && g7 === 1) return "loopback";
  const v4 = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
  if (allZeroUpTo(5) && g5 === 0xffff) return classifyV4(v4); // IPv4-mapped
  if (g0 === 0x64 && g1 === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(v4); // NAT64
  if (g0 === 0xfd00 && g1 === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g7 === 0x254) return "metadata"; // AWS IMDS over IPv6
  if ((g0 & 0xfe00) === 0xfc00) return "unique_local";
  if ((g0 & 0xffc0) === 0xfe80) return "link_local";
  if ((g0 & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return "multicast";
  if (g0 === 0x2001 && g1 === 0x0db8) return "reserved";
  if (allZeroUpTo(6)) return "reserved"; // IPv4-compatible (deprecated)
  return "public";
}

/** Classifies an IP literal (IPv4 dotted quad, or IPv6 with or without brackets). */
export function classifyAddress(address: string): AddressClass {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const v4 = parseV4(bare);
  if (v4) return classifyV4(v4);
  if (!bare.includes(":")) return "invalid";
  const v6 = parseV6(bare);
  return v6 ? classifyV6(v6) : "invalid";
}

export function isIpLiteral(host: string): boolean {
  return classifyAddress(host) !== "invalid";
}

/** Null when a delivery may connect to `address` under `policy`, else why not. */
export function refuseAddress(address: string, policy: WebhookNetworkPolicy): string | null {
  const cls = classifyAddress(address);
  if (cls === "public") return null;
  if (cls === "invalid") return `not an IP address: ${address}`;
  if (policy.allowPrivate && cls !== "metadata" && cls !== "multicast") return null;
  return `refused: ${address} is a ${cls.replace("_", "-")} address`;
}

const LOOPBACK_NAMES = new Set(["localhost", "localhost.", "127.0.0.1", "[::1]"]);

/** Null when `url` is an acceptable endpoint URL under `policy`, else why not. */
export function refuseWebhookUrl(url: string, policy: WebhookNetworkPolicy): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Enter a full URL, e.g. https://example.com/webhooks";
  }
  if (parsed.username || parsed.password) return "The URL must not contain a user name or password";
  const host = parsed.hostname.toLowerCase();
  const loopbackHost = LOOPBACK_NAMES.has(host) || host.endsWith(".localhost") || classifyAddress(host) === "loopback";
  if (parsed.protocol === "http:") {
    if (!loopbackHost) return "Use an https:// URL (http:// is allowed only for localhost in development)";
    if (!policy.allowPrivate) return "http://localhost endpoints are allowed only in development";
  } else if (parsed.protocol !== "https:") {
    return "Use an https:// URL";
  }
  if (!policy.allowPrivate && (loopbackHost || host.endsWith(".local") || host.endsWith(".internal")))
    return `refused: ${host} is not a public host`;
  if (isIpLiteral(host)) return refuseAddress(host, policy);
  return null;
}
