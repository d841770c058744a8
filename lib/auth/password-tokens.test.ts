import { describe, expect, it } from "vitest";
import {
  createPasswordToken,
  derivePasswordTokenKey,
  parsePasswordToken,
  verifyPasswordToken,
} from "./password-tokens";

const key = derivePasswordTokenKey("a-secret-that-is-long-enough-for-tests");
const account = { id: 42, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$abc$def", sessionVersion: 3 };
const now = Date.parse("2030-01-01T00:00:00Z");

describe("password link tokens", () => {
  it("verify for the account they were issued for, until they expire", () => {
    const reset = createPasswordToken(key, account, "reset", now);
    expect(parsePasswordToken(reset)).toEqual({ userId: 42, purpose: "reset", expiresAt: now + 3_600_000 });
    expect(verifyPasswordToken(key, reset, account, now + 3_599_000)).toEqual({ valid: true, purpose: "reset" });
    expect(verifyPasswordToken(key, reset, account, now + 3_600_000)).toEqual({ valid: false, reason: "expired" });
    const invite = createPasswordToken(key, account, "invite", now);
    expect(verifyPasswordToken(key, invite, account, now + 71 * 3_600_000)).toEqual({ valid: true, purpose: "invite" });
  });

  it("die when the password or sessionVersion changes (single use)", () => {
    const token = createPasswordToken(key, account, "reset", now);
    expect(verifyPasswordToken(key, token, { ...account, passwordHash: "$argon2id$other" }, now)).toEqual({
      valid: false,
      reason: "bad-signature",
    });
    expect(verifyPasswordToken(key, token, { ...account, sessionVersion: 4 }, now)).toEqual({
      valid: false,
      reason: "bad-signature",
    });
  });

  it("refuse tampering, another key, another account and malformed input", () => {
    const token = createPasswordToken(key, account, "reset", now);
    const [id, , expiry, signature] = token.split(".") as [string, string, string, string];
    expect(verifyPasswordToken(key, [id, "i", expiry, signature].join("."), account, now)).toEqual({
      valid: false,
      reason: "bad-signature",
    });
    expect(verifyPasswordToken(key, [id, "r", "zzzzzzz", signature].join("."), account, now)).toEqual({
      valid: false,
      reason: "bad-signature",
    });
    expect(
      verifyPasswordToken(derivePasswordTokenKey("another-secret-that-is-long-enough"), token, account, now),
    ).toMatchObject({ valid: false });
    expect(verifyPasswordToken(key, token, { ...account, id: 43 }, now)).toEqual({ valid: false, reason: "malformed" });
    for (const bad of [undefined, 42, "", "1.r.x", `${token}x`, token.replace(".r.", ".q.")])
      expect(verifyPasswordToken(key, bad, account, now)).toMatchObject({ valid: false });
  });
});
