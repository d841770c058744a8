import { describe, expect, it } from "vitest";
import { normalizeDomain } from "@/lib/validations/mail-settings";
import { isBlockedAddress } from "./blocked-domains";
import { escapeHtml, greeting, recipientName } from "./html";
import { bulkEmail } from "./templates/bulk";
import { confirmationEmail } from "./templates/confirmation";

describe("email templates", () => {
  it("escape what readers typed in the HTML part", () => {
    const mail = confirmationEmail({
      siteName: "Institute <&>",
      firstName: '<img src=x onerror="alert(1)">',
      confirmUrl: "https://example.org/subscribe/confirm?token=a&b",
      preferencesUrl: "https://example.org/subscribe/preferences?token=c",
      validForHours: 72,
    });
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("Institute &lt;&amp;&gt;");
    // Markup is no name: the greeting leaves it out rather than printing it escaped.
    expect(mail.html).toContain("<p>Hello,</p>");
    expect(mail.html).toContain('href="https://example.org/subscribe/confirm?token=a&amp;b"');
    expect(mail.text).toContain("https://example.org/subscribe/confirm?token=a&b");
    expect(mail.text).toContain("72 hours");
  });

  it("wrap bulk mail with the preference links and one-click unsubscribe", () => {
    const links = {
      preferences: "https://example.org/p",
      unsubscribe: "https://example.org/u",
      oneClickUnsubscribe: "https://example.org/api/unsubscribe?token=t",
    };
    const mail = bulkEmail(
      { subject: "Digest", html: "<p>Body</p>", text: "Body" },
      { siteName: "Institute", siteUrl: "https://www.example.org", to: { name: "", address: "r@example.org" }, links },
    );
    expect(mail.list).toEqual({
      id: "updates.www.example.org",
      name: "Institute",
      unsubscribeUrl: links.oneClickUnsubscribe,
      oneClick: true,
    });
    expect(mail.text).toMatch(
      /^Body\n\n--\n.*\nChange your topics or frequency: https:\/\/example\.org\/p\nUnsubscribe: https:\/\/example\.org\/u\n$/,
    );
    expect(mail.html).toContain("<p>Body</p>");
    expect(mail.html).toContain('href="https://example.org/u"');
  });

  it("greet by name only when the name holds no link, address or markup", () => {
    expect(greeting("Ada")).toBe("Dear Ada,");
    expect(greeting("  ")).toBe("Hello,");
    for (const name of [
      "Visit evil.example/login",
      "https://x.example",
      "<b>x</b>",
      "www.x",
      "a@b.example",
      "x\u202ey",
    ])
      expect(greeting(name), name).toBe("Hello,");
    const mail = confirmationEmail({
      siteName: "Institute",
      firstName: "Your account is locked, see paypal-security.example",
      confirmUrl: "https://example.org/c",
      preferencesUrl: "https://example.org/p",
      validForHours: 72,
    });
    expect(mail.text).not.toContain("paypal");
    expect(mail.html).not.toContain("paypal");
    expect(recipientName("Ada", "Lovelace")).toBe("Ada Lovelace");
    expect(recipientName("Ada", "")).toBe("Ada");
    expect(recipientName("see", "evil.example")).toBe("");
  });

  it("escapeHtml covers the five special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("blocked domains", () => {
  it("match the domain and its subdomains only", () => {
    expect(isBlockedAddress("a@mailinator.com", ["mailinator.com"])).toBe(true);
    expect(isBlockedAddress("a@x.mailinator.com", ["mailinator.com"])).toBe(true);
    expect(isBlockedAddress("a@notmailinator.com", ["mailinator.com"])).toBe(false);
  });

  it("normalise configured entries", () => {
    expect(normalizeDomain(" @Example.ORG ")).toBe("example.org");
    expect(normalizeDomain("not a domain")).toBeNull();
    expect(normalizeDomain("localhost")).toBeNull();
  });
});
