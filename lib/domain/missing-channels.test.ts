import { describe, expect, it } from "vitest";
import { channelUse, missingChannelWarnings } from "./missing-channels";

const steps = [
  { key: "a", type: "email" },
  { key: "b", type: "wait" },
  { key: "c", type: "sms" },
  { key: "d", type: "sms", ifMissingChannel: "exit" },
  { key: "e", type: "task" },
];

describe("channelUse", () => {
  it("lists email and SMS steps with their missing-channel action, default skip", () => {
    expect(channelUse(steps)).toEqual({
      email: [{ key: "a", index: 0, ifMissingChannel: "skip" }],
      sms: [
        { key: "c", index: 2, ifMissingChannel: "skip" },
        { key: "d", index: 3, ifMissingChannel: "exit" },
      ],
    });
  });
});

describe("missingChannelWarnings", () => {
  const cases: [string, Parameters<typeof channelUse>[0], number, number, number, string[]][] = [
    ["nobody lacks a phone", steps, 40, 0, 0, []],
    [
      "SMS steps skipped",
      [
        { key: "s", type: "sms" },
        { key: "t", type: "sms" },
      ],
      40,
      0,
      12,
      ["12 of 40 contacts have no phone: their SMS steps will be skipped"],
    ],
    [
      "one SMS step that exits",
      [{ key: "s", type: "sms", ifMissingChannel: "exit" }],
      40,
      0,
      1,
      ["1 of 40 contacts has no phone: they will exit the sequence at its first SMS step (step 1)"],
    ],
    [
      "skip then exit",
      steps,
      1200,
      0,
      1000,
      [
        "1,000 of 1,200 contacts have no phone: their SMS steps before step 4 will be skipped, then they will exit there",
      ],
    ],
    ["no SMS step: phones do not matter", [{ key: "a", type: "email" }], 40, 0, 40, []],
    [
      "email missing (cannot happen today, email is required)",
      [{ key: "a", type: "email" }],
      1,
      1,
      0,
      ["1 of 1 contact has no email address: their email step will be skipped"],
    ],
  ];
  it.each(cases)("%s", (_name, list, total, withoutEmail, withoutPhone, expected) => {
    expect(missingChannelWarnings(channelUse(list), { total, withoutEmail, withoutPhone })).toEqual(expected);
  });
});
