// Engagement tracking at delivery: the email handed to the transport gets its http(s) links
// rewritten to click URLs and a 1x1 open pixel. Pure: the caller supplies the URL builders (they
// sign tokens) and stores `links` by position, so a click can only ever redirect to a stored URL.
// messages.body keeps the author's rendered text; only the transport sees this version.

// A URL runs to whitespace or a character that cannot end one in running text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?)\]}]+$/;

export type TrackedEmail = { text: string; html: string; links: string[] };

export function findLinks(body: string, skipPrefix: string | null): { start: number; url: string }[] {
  const found: { start: number; url: string }[] = [];
  for (const match of body.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, "");
    if (skipPrefix && url.startsWith(skipPrefix)) continue; // our own links (unsubscribe): never wrapped
    found.push({ start: match.index, url });
  }
  return found;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export const MAX_TRACKED_LINKS = 100;

/**
 * `clickUrl(position)` for the n-th link (0-based), `openUrl` for the pixel. Links past
 * MAX_TRACKED_LINKS, or starting with `ownPrefix`, are left as they are.
 */
export function trackEmail(
  body: string,
  options: { openUrl: string; clickUrl: (position: number) => string; ownPrefix: string | null },
): TrackedEmail {
  const links = findLinks(body, options.ownPrefix).slice(0, MAX_TRACKED_LINKS);
  let text = "";
  let html = "";
  let cursor = 0;
  links.forEach((link, position) => {
    const before = body.slice(cursor, link.start);
    const href = options.clickUrl(position);
    text += before + href;
    html += escapeHtml(before) + `<a href="${escapeHtml(href)}">${escapeHtml(link.url)}</a>`;
    cursor = link.start + link.url.length;
  });
  text += body.slice(cursor);
  html += escapeHtml(body.slice(cursor));
  html = html.replace(/\r?\n/g, "<br>\n");
  html = `<!doctype html><html><body><div style="white-space:normal">${html}</div><img src="${escapeHtml(options.openUrl)}" width="1" height="1" alt="" style="display:block;border:0"></body></html>`;
  return { text, html, links: links.map((l) => l.url) };
}
