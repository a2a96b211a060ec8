import { describe, expect, it } from "vitest";
import { classifyUserAgent } from "./user-agent-class";
import { findLinks, trackEmail } from "./tracked-email";

describe("trackEmail", () => {
  const options = {
    openUrl: "https://app.example/t/o/TOKEN",
    clickUrl: (p: number) => `https://app.example/t/c/C${p}`,
    ownPrefix: "https://app.example/",
  };

  it("rewrites http(s) links in order, keeps punctuation and own links, adds the pixel", () => {
    const body = "See https://a.example/x?y=1&z=2. Or (http://b.example/p).\nUnsubscribe: https://app.example/u/abc";
    const tracked = trackEmail(body, options);
    expect(tracked.links).toEqual(["https://a.example/x?y=1&z=2", "http://b.example/p"]);
    expect(tracked.text).toBe(
      "See https://app.example/t/c/C0. Or (https://app.example/t/c/C1).\nUnsubscribe: https://app.example/u/abc",
    );
    expect(tracked.html).toContain('<a href="https://app.example/t/c/C0">https://a.example/x?y=1&amp;z=2</a>');
    expect(tracked.html).toContain('<img src="https://app.example/t/o/TOKEN" width="1" height="1" alt=""');
    expect(tracked.html).toContain("<br>");
  });

  it("escapes the author's text in the HTML part", () => {
    expect(trackEmail("<b>hi</b>", options).html).toContain("&lt;b&gt;hi&lt;/b&gt;");
  });

  it("finds no link in plain text", () => {
    expect(findLinks("no links here, ftp://x.example", null)).toEqual([]);
  });
});

describe("classifyUserAgent", () => {
  it.each([
    ["Mozilla/5.0", "apple_mail_privacy", true],
    [
      "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
      "google_image_proxy",
      true,
    ],
    ["YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", "yahoo_proxy", true],
    ["curl/8.5.0", "bot", true],
    ["", "unknown", true],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
      "browser",
      false,
    ],
  ])("%s", (ua, cls, machine) => {
    expect(classifyUserAgent(ua)).toEqual({ cls, machine });
  });
});
