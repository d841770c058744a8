import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientIp } from "./client-ip";

const from = (headers: Record<string, string>) => clientIp(new Headers(headers));

describe("clientIp", () => {
  it("reads the address the server resolved", () => {
    expect(from({ [CLIENT_ADDRESS_HEADER]: "198.51.100.7" })).toBe("198.51.100.7");
    expect(from({ [CLIENT_ADDRESS_HEADER]: "2001:db8::1" })).toBe("2001:db8::1");
  });

  it("never reads what a client can write: X-Forwarded-For and X-Real-IP", () => {
    expect(from({ "x-forwarded-for": "10.9.8.7, 198.51.100.7", "x-real-ip": "203.0.113.9" })).toBeNull();
    expect(from({ [CLIENT_ADDRESS_HEADER]: "192.0.2.1", "x-forwarded-for": "198.51.100.7" })).toBe("192.0.2.1");
  });

  it("ignores anything that is not an address", () => {
    expect(from({ [CLIENT_ADDRESS_HEADER]: "<script>" })).toBeNull();
    expect(from({})).toBeNull();
  });
});
