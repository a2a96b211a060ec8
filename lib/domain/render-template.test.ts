import { describe, expect, it } from "vitest";
import { renderTemplate, type TemplateContact } from "./render-template";

const ada: TemplateContact = { email: "ada@example.com", firstName: "Ada", lastName: "Lovelace", phone: "+441234" };
const bare: TemplateContact = { email: "x@example.com", firstName: null, lastName: null, phone: null };

describe("renderTemplate", () => {
  it.each<[string, TemplateContact, string]>([
    ["Hi {{first_name}}", ada, "Hi Ada"],
    ["Hi {{ first_name }} {{last_name}}", ada, "Hi Ada Lovelace"],
    ["{{  email  }} / {{phone}}", ada, "ada@example.com / +441234"],
    ["Hi {{first_name}}!", bare, "Hi !"],
    ["{{last_name}}{{phone}}", bare, ""],
    ["{{first_name}} and {{first_name}}", ada, "Ada and Ada"],
    ["No fields here", ada, "No fields here"],
    ["<b>{{first_name}}</b> & co", ada, "<b>Ada</b> & co"],
    ["{{company}} is empty", ada, " is empty"],
    ['{{company | "your team"}} falls back', ada, "your team falls back"],
    ['{{ first_name | "there" }}', bare, "there"],
    ['{{ first_name | "there" }}', ada, "Ada"],
    ['{{company|""}}', ada, ""],
    ["{single} {{ first name }} {{", ada, "{single} {{ first name }} {{"],
    ["", ada, ""],
  ])("%j", (template, contact, expected) => {
    expect(renderTemplate(template, contact)).toBe(expected);
  });

  it("renders custom attributes, extra values before them, and falls back on blank values", () => {
    const acme = { ...ada, attributes: { company: "Acme", seats: 12, vip: true, blank: "  ", nested: { a: 1 } } };
    expect(renderTemplate("{{company}} {{seats}} {{vip}}", acme)).toBe("Acme 12 true");
    expect(renderTemplate('{{blank | "n/a"}}|{{nested | "?"}}', acme)).toBe("n/a|?");
    expect(renderTemplate("{{unsubscribe_url}}", acme, { unsubscribe_url: "https://x/u/t" })).toBe("https://x/u/t");
    expect(renderTemplate("{{company}}", acme, { company: "Override" })).toBe("Override");
    expect(renderTemplate("{{first_name}}", acme, { first_name: "Not used" })).toBe("Ada");
  });

  it.each([
    ["<script>alert(1)</script>", "<script>alert(1)</script>!"],
    ["$& $1 $$", "$& $1 $$!"],
    ["{{email}}", "{{email}}!"],
  ])("inserts contact values literally: %j", (firstName, expected) => {
    expect(renderTemplate("{{first_name}}!", { ...bare, firstName })).toBe(expected);
  });
});
