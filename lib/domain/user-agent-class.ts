// What fetched a tracking pixel or followed a tracked link, from its User-Agent: a coarse class
// for the timeline (never the raw string, which is personal data) and whether it is a machine
// (a mail proxy that prefetches images, a link scanner, a bot), whose opens and clicks are
// flagged and left out of the rates.

export type UserAgentClass =
  | "apple_mail_privacy"
  | "google_image_proxy"
  | "yahoo_proxy"
  | "outlook_scanner"
  | "bot"
  | "browser"
  | "mail_client"
  | "unknown";

const RULES: { test: RegExp; cls: UserAgentClass; machine: boolean }[] = [
  { test: /GoogleImageProxy|ggpht\.com/i, cls: "google_image_proxy", machine: true },
  { test: /YahooMailProxy/i, cls: "yahoo_proxy", machine: true },
  {
    test: /Microsoft Office|ms-office|Safe ?Links|BingPreview|Microsoft-?Preview/i,
    cls: "outlook_scanner",
    machine: true,
  },
  {
    test: /bot\b|crawler|spider|curl\/|wget\/|python-requests|python-urllib|go-http-client|java\/|okhttp|headless|scanner|barracuda|proofpoint|mimecast/i,
    cls: "bot",
    machine: true,
  },
  { test: /Thunderbird|Outlook|Lotus-Notes|AppleMail|Mail\/\d/i, cls: "mail_client", machine: false },
  { test: /Mozilla\/5\.0 \(.+\).+(Chrome|Safari|Firefox|Edg)\//, cls: "browser", machine: false },
];

export function classifyUserAgent(userAgent: string | null | undefined): { cls: UserAgentClass; machine: boolean } {
  const ua = (userAgent ?? "").trim().slice(0, 512);
  if (!ua) return { cls: "unknown", machine: true };
  // Apple Mail Privacy Protection fetches every image through a proxy that sends a bare
  // "Mozilla/5.0" (no platform, no engine): a prefetch, not a person reading.
  if (/^Mozilla\/5\.0$/.test(ua)) return { cls: "apple_mail_privacy", machine: true };
  for (const rule of RULES) if (rule.test.test(ua)) return { cls: rule.cls, machine: rule.machine };
  return { cls: "unknown", machine: false };
}
