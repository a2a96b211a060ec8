import { describe, expect, it } from "vitest";
import type { Step, VersionContent } from "../steps";
import { lintChanges, lintVersion, unacknowledged } from "./lint-version";
import { fieldsNeedingStats } from "./merge-fields";
import { smsLength } from "./sms-segments";
import type { LintContext, LintRule } from "./types";

const ADDRESS = "Sequencer Ltd, 1 Main Street, Springfield";
const GOOD_BODY = `Hi {{first_name}},\n\nHello.\n\n${ADDRESS}\nUnsubscribe: {{unsubscribe_url}}`;

const context: LintContext = {
  postalAddress: ADDRESS,
  attributeKeys: ["company", "plan"],
  audience: { total: 50, empty: { first_name: 0, company: 16, plan: 0 }, description: "test" },
};

const email = (key: string, body = GOOD_BODY, subject = "Welcome"): Step => ({ key, type: "email", subject, body });
const sms = (key: string, body: string): Step => ({ key, type: "sms", body });
const wait = (key: string, amount: number, unit: "minutes" | "hours" | "days" = "days"): Step => ({
  key,
  type: "wait",
  amount,
  unit,
  businessDaysOnly: false,
});
const task = (key: string): Step => ({ key, type: "task", title: "Call", note: "" });
const content = (...steps: Step[]): VersionContent => ({
  steps,
  settings: { exitOnReply: true, exitOnUnsubscribe: true },
});

function rules(c: VersionContent, ctx: LintContext = context): string[] {
  return lintVersion(c, ctx).map((f) => `${f.severity}:${f.rule}${f.stepKey ? `@${f.stepKey}` : ""}`);
}

describe("lintVersion: each rule passes and fails", () => {
  it.each<[string, VersionContent, LintContext, string[]]>([
    ["a clean email sequence", content(email("a"), wait("w", 2), email("b")), context, []],
    [
      "email without {{unsubscribe_url}} is an error",
      content(email("a", `Hi\n${ADDRESS}`)),
      context,
      ["error:email-unsubscribe-missing@a"],
    ],
    [
      "an unsubscribe tag with a fallback still counts",
      content(email("a", `${ADDRESS} {{ unsubscribe_url | "x" }}`)),
      context,
      [],
    ],
    [
      "email without the postal address is a warning",
      content(email("a", "Hi {{unsubscribe_url}}")),
      context,
      ["warning:email-postal-address-missing@a"],
    ],
    [
      "the address matches across line breaks and case",
      content(email("a", "sequencer ltd,\n1 main street,   Springfield {{unsubscribe_url}}")),
      context,
      [],
    ],
    [
      "no postal address set is a warning too",
      content(email("a")),
      { ...context, postalAddress: "  " },
      ["warning:email-postal-address-missing@a"],
    ],
    ["empty subject is an error", content(email("a", GOOD_BODY, " ")), context, ["error:subject-empty@a"]],
    ["an 80-character subject passes", content(email("a", GOOD_BODY, "x".repeat(80))), context, []],
    [
      "an 81-character subject is a warning",
      content(email("a", GOOD_BODY, "x".repeat(81))),
      context,
      ["warning:subject-too-long@a"],
    ],
    [
      "an http link is a warning, https passes",
      content(email("a", `${GOOD_BODY} http://example.com/x https://example.com/y`)),
      context,
      ["warning:link-not-https@a"],
    ],
    [
      "http link in an SMS",
      content(sms("s", "See http://x.io Reply STOP to opt out")),
      context,
      ["warning:link-not-https@s"],
    ],
    ["SMS with Reply STOP passes", content(sms("s", "Hi {{first_name}}! Reply STOP to opt out")), context, []],
    ["SMS without opt-out wording", content(sms("s", "Hi there")), context, ["warning:sms-opt-out-missing@s"]],
    ["lowercase stop is not the keyword", content(sms("s", "don't stop")), context, ["warning:sms-opt-out-missing@s"]],
    ["SMS of 3 segments passes", content(sms("s", `${"a".repeat(459 - 5)} STOP`)), context, []],
    [
      "SMS of 4 segments is a warning",
      content(sms("s", `${"a".repeat(460 - 5)} STOP`)),
      context,
      ["warning:sms-too-many-segments@s"],
    ],
    [
      "unknown merge field is an error",
      content(email("a", `${GOOD_BODY} {{favourite_colour}}`)),
      context,
      ["error:merge-field-unknown@a"],
    ],
    ["a custom attribute is a known field", content(email("a", `${GOOD_BODY} {{plan}}`)), context, []],
    [
      "a field empty for some of the audience is a warning",
      content(email("a", `${GOOD_BODY} {{company}}`)),
      context,
      ["warning:merge-field-empty@a"],
    ],
    [
      "the warning is skipped with a fallback",
      content(email("a", `${GOOD_BODY} {{company | "your team"}}`)),
      context,
      [],
    ],
    [
      "one use without a fallback is enough to warn",
      content(email("a", `${GOOD_BODY} {{company | "you"}}`, "For {{company}}")),
      context,
      ["warning:merge-field-empty@a"],
    ],
    [
      "no audience stats: no emptiness warning",
      content(email("a", `${GOOD_BODY} {{company}}`)),
      { ...context, audience: null },
      [],
    ],
    [
      "two emails an hour apart",
      content(email("a"), wait("w", 1, "hours"), email("b")),
      context,
      ["warning:emails-same-day@b"],
    ],
    ["two emails 24 hours apart pass", content(email("a"), wait("w", 24, "hours"), email("b")), context, []],
    [
      "waits add up across steps",
      content(email("a"), wait("w1", 12, "hours"), task("t"), wait("w2", 12, "hours"), email("b")),
      context,
      [],
    ],
    [
      "an email followed directly by another message",
      content(email("a"), sms("s", "Reply STOP"), wait("w", 2), email("b")),
      context,
      ["warning:no-wait-after-email@a"],
    ],
    [
      "an email, a task, then an email: same moment",
      content(email("a"), task("t"), email("b")),
      context,
      ["warning:emails-same-day@b"],
    ],
    [
      "a wait of zero after an email",
      content(email("a"), wait("w", 0), email("b")),
      context,
      ["warning:no-wait-after-email@a", "warning:emails-same-day@b"],
    ],
  ])("%s", (_name, c, ctx, expected) => {
    expect(rules(c, ctx).sort()).toEqual([...expected].sort());
  });

  it("words the emptiness warning with a percentage and the field", () => {
    const [f] = lintVersion(content(email("a", `${GOOD_BODY} {{company}}`)), context);
    expect(f?.message).toContain("32 % of the contacts in this audience (16 of 50) have no `company`; add a fallback");
  });

  it("puts errors before warnings", () => {
    const found = lintVersion(content(email("a", "no link"), email("b", "no link either")), context);
    expect(found.map((f) => f.severity)).toEqual(["error", "error", "warning", "warning", "warning"]);
  });
});

describe("acknowledgement and changes", () => {
  const v1 = lintVersion(content(email("a")), context);
  const v2 = lintVersion(content(email("a", `Hi ${ADDRESS}`)), context);

  it("finds what appeared and disappeared by id", () => {
    const changes = lintChanges(v1, v2);
    expect(changes.appeared.map((f) => f.rule)).toEqual<LintRule[]>(["email-unsubscribe-missing"]);
    expect(changes.disappeared).toEqual([]);
    expect(lintChanges(v2, v1).disappeared.map((f) => f.rule)).toEqual(["email-unsubscribe-missing"]);
  });

  it("lists warnings not acknowledged", () => {
    const found = lintVersion(content(sms("s", "hi")), context);
    expect(unacknowledged(found, []).map((f) => f.id)).toEqual(["sms-opt-out-missing:s:"]);
    expect(unacknowledged(found, ["sms-opt-out-missing:s:"])).toEqual([]);
  });

  it("asks for stats only of fields used without a fallback", () => {
    const steps = [email("a", `{{company}} {{plan | "x"}} {{unsubscribe_url}} {{first_name}}`, "{{last_name}}")];
    expect(fieldsNeedingStats(steps).sort()).toEqual(["company", "first_name", "last_name"]);
  });
});

describe("smsLength counts GSM-7 and UCS-2 segments", () => {
  it.each<[string, string, string, number, number]>([
    ["empty", "", "GSM-7", 0, 0],
    ["160 GSM characters: one segment", "a".repeat(160), "GSM-7", 160, 1],
    ["161 GSM characters: two segments of 153", "a".repeat(161), "GSM-7", 161, 2],
    ["306 fits two segments", "a".repeat(306), "GSM-7", 306, 2],
    ["307 needs three", "a".repeat(307), "GSM-7", 307, 3],
    ["an extension character counts twice", `${"a".repeat(159)}€`, "GSM-7", 161, 2],
    ["accented GSM letters stay GSM-7", "é".repeat(160), "GSM-7", 160, 1],
    ["one non-GSM character switches to UCS-2", `${"a".repeat(69)}ł`, "UCS-2", 70, 1],
    ["71 UCS-2 units: two segments of 67", `${"a".repeat(70)}ł`, "UCS-2", 71, 2],
    ["an emoji is two UTF-16 units", `${"a".repeat(68)}😀`, "UCS-2", 70, 1],
    ["135 UCS-2 units: three segments", "ł".repeat(135), "UCS-2", 135, 3],
  ])("%s", (_name, text, encoding, units, segments) => {
    expect(smsLength(text)).toEqual({ encoding, units, segments });
  });
});
