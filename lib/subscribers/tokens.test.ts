import { describe, expect, it } from "vitest";
import { createToken, deriveTokenKey, verifyToken } from "./tokens";

const key = deriveTokenKey("a-secret-that-is-at-least-32-characters-long");
const now = Date.UTC(2026, 10, 28, 12);
const claims = { subscriberId: 42, purpose: "confirm" as const, expiresAt: now + 60_000, nonce: now - 1000 };

describe("subscriber tokens", () => {
  it("round-trip their claims and are URL-safe", () => {
    const token = createToken(key, claims);
    expect(token).toMatch(/^[0-9a-z._A-Z-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(verifyToken(key, token, "confirm", now)).toEqual({ valid: true, claims, expired: false });
  });

  it("expire", () => {
    const token = createToken(key, claims);
    expect(verifyToken(key, token, "confirm", now + 60_000)).toMatchObject({ valid: true, expired: true });
  });

  it("are bound to their purpose, key and every claim", () => {
    const token = createToken(key, claims);
    expect(verifyToken(key, token, "manage", now)).toEqual({ valid: false, reason: "wrong-purpose" });
    expect(verifyToken(deriveTokenKey("another-secret-that-is-long-enough-too"), token, "confirm", now)).toEqual({
      valid: false,
      reason: "bad-signature",
    });
    const parts = token.split(".");
    for (let index = 0; index < 4; index++) {
      const changed = [...parts];
      changed[index] = index === 1 ? "m" : `${changed[index]}1`;
      expect(verifyToken(key, changed.join("."), "confirm", now).valid, `part ${index}`).toBe(false);
    }
  });

  it("reject anything malformed without throwing", () => {
    for (const value of [
      undefined,
      null,
      7,
      "",
      "a.b.c.d.e",
      `${"9".repeat(30)}.c.1.1.${"A".repeat(43)}`,
      "x".repeat(5000),
      ["token"],
    ]) {
      expect(verifyToken(key, value, "confirm", now)).toEqual({ valid: false, reason: "malformed" });
    }
  });
});
