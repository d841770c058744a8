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

  it("accepts internationalised domains, in ASCII or Unicode form, as one address", () => {
    for (const email of [
      "a@xn--80akhbyknj4f.xn--p1ai",
      "a@испытание.рф",
      "A@ИСПЫТАНИЕ.РФ",
      "a@xn--80akhbyknj4f.xn--p1ai ",
    ]) {
      const result = signupSchema.safeParse({ email });
      expect(result.error?.issues[0]?.message, email).toBeUndefined();
      expect(result.data?.email).toBe("a@xn--80akhbyknj4f.xn--p1ai");
    }
    expect(signupSchema.parse({ email: "leser@bücher.de" }).email).toBe("leser@xn--bcher-kva.de");
    expect(signupSchema.parse({ email: "reader@mail.example.co.uk" }).email).toBe("reader@mail.example.co.uk");
  });

  it.each([
    "a@1.2.3.4",
    "a@[127.0.0.1]",
    "a@exa mple.org",
    "a@example.org/x",
    "a@example%2eorg",
    "a@-example.org",
    "a@example",
    "a@xn--.org",
    "ä@example.org",
    ".a@example.org",
    "a..b@example.org",
    "a@b@example.org",
  ])("refuses %j", (email) => {
    expect(signupSchema.safeParse({ email }).error?.issues[0]?.message).toBe(
      "Enter a valid email address, like name@example.org",
    );
  });

  it.each([
    ["Visit https://evil.example", "firstName"],
    ["Click paypal.com/verify now", "firstName"],
    ["bit.ly", "lastName"],
    ["www.example", "firstName"],
    ["<b>Ada</b>", "firstName"],
    ["Ada > Grace", "lastName"],
    ["ada@example.org", "firstName"],
    ["Ada ftp://x", "firstName"],
    ["Ivan испытание.рф", "lastName"],
  ])("refuses the name %j with a message on its field", (name, field) => {
    const result = signupSchema.safeParse({ email: "r@example.org", [field]: name });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
    expect(result.error?.issues[0]?.message).toMatch(
      /^(First|Last) name cannot contain a web address, an email address, < or >: enter just the name$/,
    );
  });

  it("refuses invisible formatting characters in names, and keeps ordinary names", () => {
    const hidden = signupSchema.safeParse({ email: "r@example.org", firstName: "Ada\u202egnp.exe" });
    expect(hidden.error?.issues[0]?.message).toMatch(/invisible formatting characters/);
    for (const name of ["Ada", "J.R.R. Tolkien", "Jean-Luc", "O'Brien", "Dr. Who", "María José", "李 小龙", "Nguyễn"]) {
      expect(signupSchema.safeParse({ email: "r@example.org", firstName: name }).success, name).toBe(true);
    }
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
