import { describe, expect, it } from "vitest";
import { roleAtLeast, type Role } from "./roles";

describe("roleAtLeast", () => {
  const cases: [Role, Role, boolean][] = [
    ["admin", "admin", true],
    ["admin", "editor", true],
    ["admin", "viewer", true],
    ["editor", "admin", false],
    ["editor", "editor", true],
    ["editor", "viewer", true],
    ["viewer", "admin", false],
    ["viewer", "editor", false],
    ["viewer", "viewer", true],
  ];
  it.each(cases)("%s meets %s: %s", (role, required, expected) => {
    expect(roleAtLeast(role, required)).toBe(expected);
  });
});
