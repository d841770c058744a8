import { describe, expect, it } from "vitest";
import { newUserSchema } from "./user";

describe("newUserSchema", () => {
  const valid = { email: " Editor@Example.org ", role: "EDITOR", password: "a-long-enough-password" };

  it("normalises the email and accepts a valid user", () => {
    const parsed = newUserSchema.parse(valid);
    expect(parsed.email).toBe("editor@example.org");
    expect(parsed.name).toBe("");
  });

  it.each([
    [{ ...valid, email: "not an email" }, "Enter a valid email address"],
    [{ ...valid, role: "OWNER" }, "Role must be one of ADMIN, EDITOR, AUTHOR"],
    [{ ...valid, password: "short" }, "Password must be at least 12 characters"],
    [{ ...valid, password: "Qwertyuiop2024" }, "This password is too common: choose one that is harder to guess"],
  ])("rejects %j with a clear message", (input, message) => {
    const result = newUserSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(message);
  });
});
