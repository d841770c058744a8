import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

const from = (headers: Record<string, string>) => clientIp(new Headers(headers));

describe("clientIp", () => {
  it("takes the entry our proxy appended to X-Forwarded-For, not what the client claimed", () => {
    expect(from({ "x-forwarded-for": "10.9.8.7, 198.51.100.7" })).toBe("198.51.100.7");
    expect(from({ "x-forwarded-for": "198.51.100.7" })).toBe("198.51.100.7");
  });

  it("accepts IPv6 and strips ports", () => {
    expect(from({ "x-forwarded-for": "2001:db8::1" })).toBe("2001:db8::1");
    expect(from({ "x-forwarded-for": "[2001:db8::1]:443" })).toBe("2001:db8::1");
    expect(from({ "x-real-ip": "198.51.100.7:51234" })).toBe("198.51.100.7");
  });

  it("falls back to X-Real-IP and ignores anything that is not an address", () => {
    expect(from({ "x-forwarded-for": "unknown", "x-real-ip": "203.0.113.9" })).toBe("203.0.113.9");
    expect(from({ "x-forwarded-for": "<script>", "x-real-ip": "999.1.1.1" })).toBeNull();
    expect(from({})).toBeNull();
  });
});
