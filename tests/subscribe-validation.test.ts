import { describe, expect, it } from "vitest";
import { preferencesSchema, signupInputFromForm, signupSchema } from "@/lib/validations/subscriber";

describe("signupSchema", () => {
  it("normalises the address and fills in defaults", () => {
    expect(signupSchema.parse({ email: "  Reader@Example.ORG " })).toEqual({
      email: "reader@example.org",
      firstName: "",
      lastName: "",
    });
  });

  it.each([
    ["a@b", "Enter a valid email address, like name@example.org"],
    ["reader@example.org\r\nBcc: x@y.org", "Email must be one line, without control characters"],
    ["reader@example.org\u0000", "Email must be one line, without control characters"],
    [`${"a".repeat(250)}@x.org`, "Email is too long (254 characters at most)"],
  ])("rejects %j with a clear message", (email, message) => {
    const result = signupSchema.safeParse({ email });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it("takes one topic or several, from forms and JSON alike", () => {
    expect(signupSchema.parse({ email: "r@example.org", topics: "trade" }).topics).toEqual(["trade"]);
    const form = new FormData();
    form.append("email", "r@example.org");
    form.append("topics", "trade");
    form.append("topics", "north-korea");
    expect(signupSchema.parse(signupInputFromForm(form)).topics).toEqual(["trade", "north-korea"]);
    expect(signupSchema.safeParse({ email: "r@example.org", topics: ["<script>"] }).success).toBe(false);
    expect(signupSchema.safeParse({ email: "r@example.org", topics: { $ne: 1 } }).success).toBe(false);
  });
});

describe("preferencesSchema", () => {
  it("needs a frequency it knows and at least one topic", () => {
    expect(preferencesSchema.safeParse({ frequency: "DAILY", topics: ["trade"] }).error?.issues[0]?.message).toBe(
      "Choose how often you want to hear from us",
    );
    expect(preferencesSchema.safeParse({ frequency: "WEEKLY", topics: [] }).error?.issues[0]?.message).toBe(
      "Choose at least one topic, or unsubscribe below",
    );
    expect(preferencesSchema.parse({ frequency: "IMMEDIATE", topics: ["trade"], firstName: " Ada " })).toEqual({
      frequency: "IMMEDIATE",
      topics: ["trade"],
      firstName: "Ada",
      lastName: "",
    });
  });
});
