import { describe, expect, it } from "vitest";
import commonPasswords from "./common-passwords.json";
import { isCommonPassword } from "./password-policy";

describe("isCommonPassword", () => {
  it("ships a few thousand lower-cased common passwords", () => {
    expect(commonPasswords.length).toBeGreaterThan(5000);
    expect(commonPasswords.every((password) => password === password.toLowerCase())).toBe(true);
  });

  it.each([
    "password",
    "PassWord",
    "qwertyuiop",
    "1q2w3e4r5t6y",
    "Qwerty123456",
    "iloveyou2024!",
    "!!Sunshine2025",
    "Baseball1234",
  ])("refuses %s", (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each([
    "correct horse battery staple",
    "e2e-admin-password-1234",
    "Kettle-violet-Ministry-9",
    "2024-2025",
    "••••••••••••",
  ])("accepts %s", (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });
});
