import { describe, expect, it } from "vitest";
import { classifyAddress, refuseAddress, refuseWebhookUrl } from "./webhook-address";

const production = { allowPrivate: false };
const development = { allowPrivate: true };

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["93.184.216.34", "public"],
    ["127.0.0.1", "loopback"],
    ["127.9.9.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link_local"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "unique_local"],
    ["fd12:3456::1", "unique_local"],
    ["fe80::1%eth0", "link_local"],
    ["ff02::1", "multicast"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["2606:4700::1111", "public"],
    ["2001:db8::1", "reserved"],
    ["example.com", "invalid"],
    ["1.2.3", "invalid"],
    ["1:2:3:4:5:6:7:8:9", "invalid"],
  ])("%s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe("refuseAddress", () => {
  it("allows only public addresses in production", () => {
    expect(refuseAddress("8.8.8.8", production)).toBeNull();
    for (const a of ["127.0.0.1", "10.0.0.1", "169.254.169.254", "fd00::1", "fe80::1", "::1", "::ffff:192.168.0.1"])
      expect(refuseAddress(a, production)).toMatch(/^refused/);
  });
  it("allows private and loopback in development but never metadata", () => {
    expect(refuseAddress("127.0.0.1", development)).toBeNull();
    expect(refuseAddress("10.0.0.1", development)).toBeNull();
    expect(refuseAddress("169.254.169.254", development)).toMatch(/metadata/);
  });
});

describe("refuseWebhookUrl", () => {
  it.each([
    ["https://hooks.example.com/x", production, null],
    ["http://hooks.example.com/x", production, /https/],
    ["http://localhost:3000/hook", production, /development/],
    ["http://localhost:3000/hook", development, null],
    ["http://127.0.0.1:9/hook", development, null],
    ["http://10.0.0.5/hook", development, /https/],
    ["https://10.0.0.5/hook", production, /private/],
    ["https://[fd00::5]/hook", production, /unique-local/],
    ["https://169.254.169.254/latest", development, /metadata/],
    ["https://localhost/hook", production, /not a public host/],
    ["https://user:pw@example.com/", production, /password/],
    ["ftp://example.com/", production, /https/],
    ["not a url", production, /full URL/],
  ])("%s", (url, policy, expected) => {
    const result = refuseWebhookUrl(url, policy);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });
});
