import { describe, expect, it } from "vitest";
import { alertEmail, digestEmail, itemsInTopics, publicationUrl, type MailedPublication } from "./publications";

const item = (
  id: number,
  categoryIds: number[],
  title = `Piece ${id}`,
  type = { typeName: "Commentary", typeSlug: "commentary" },
): MailedPublication => ({
  id,
  title,
  slug: `piece-${id}`,
  summary: "A <b>bold</b> claim & more.",
  publishedAt: new Date("2026-11-20T10:00:00Z"),
  ...type,
  authorNames: ["Ada Lovelace", "Grace Hopper"],
  categoryIds,
});

describe("digest and alert emails", () => {
  it("list only a subscriber's topics, in the given order", () => {
    const items = [item(1, [1]), item(2, [2]), item(3, [1, 3])];
    expect(itemsInTopics(items, [1]).map((entry) => entry.id)).toEqual([1, 3]);
    expect(itemsInTopics(items, [4])).toEqual([]);
  });

  it("link absolutely to the site and escape everything staff or authors wrote", () => {
    const mail = digestEmail({
      subject: "Weekly",
      intro: "Hello <script>x</script>\n\nSecond paragraph",
      items: [item(1, [1], "Tariffs & <Trade>")],
      siteUrl: "https://think.example.org",
      firstName: "Ada",
    });
    expect(mail.html).toContain('href="https://think.example.org/publications/piece-1"');
    expect(mail.html).toContain("Tariffs &amp; &lt;Trade&gt;");
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("<p>Second paragraph</p>");
    expect(mail.text).toContain("https://think.example.org/publications/piece-1");
    expect(mail.text).toContain("Commentary · November 20, 2026 · Ada Lovelace, Grace Hopper");
    expect(mail.text.startsWith("Dear Ada,")).toBe(true);
  });

  it("name the publication in an alert's subject", () => {
    const mail = alertEmail({
      siteName: "Institute",
      item: item(7, [1]),
      siteUrl: "https://think.example.org/",
      firstName: "",
    });
    expect(mail.subject).toBe("New from Institute: Piece 7");
    expect(mail.text).toContain("Hello,");
    expect(publicationUrl("https://think.example.org/base/", "a b")).toBe(
      "https://think.example.org/publications/a%20b",
    );
  });

  it("link an event to its event page, not its publication address", () => {
    const event = item(8, [1], "Markets in 2027", { typeName: "Event", typeSlug: "event" });
    const mail = digestEmail({
      subject: "Weekly",
      intro: "",
      items: [event, item(9, [1])],
      siteUrl: "https://think.example.org",
      firstName: "",
    });
    expect(mail.html).toContain('href="https://think.example.org/events/piece-8"');
    expect(mail.text).toContain("https://think.example.org/events/piece-8");
    expect(mail.html).not.toContain("/publications/piece-8");
    expect(mail.html).toContain('href="https://think.example.org/publications/piece-9"');
    const alert = alertEmail({
      siteName: "Institute",
      item: event,
      siteUrl: "https://think.example.org",
      firstName: "",
    });
    expect(alert.text).toContain("https://think.example.org/events/piece-8");
  });
});
