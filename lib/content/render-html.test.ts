import { describe, expect, it } from "vitest";
import { createRandom } from "@/scripts/demo/random";
import { generatePublication } from "@/scripts/demo/prose";
import {
  countWords,
  documentPlainText,
  escapeHtml,
  renderDocumentHtml,
  safeHref,
  type ProseMirrorDoc,
  type ProseMirrorMark,
  type ProseMirrorNode,
} from "./render-html";

const text = (value: string, ...marks: ProseMirrorMark[]): ProseMirrorNode =>
  marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value };
const paragraph = (...content: ProseMirrorNode[]): ProseMirrorNode => ({ type: "paragraph", content });
const doc = (...content: ProseMirrorNode[]): ProseMirrorDoc => ({ type: "doc", content });
const link = (href: string): ProseMirrorMark => ({ type: "link", attrs: { href } });

describe("renderDocumentHtml", () => {
  it("renders paragraphs, headings, lists and blockquotes", () => {
    const html = renderDocumentHtml(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text("Background")] },
        { type: "heading", attrs: { level: 3 }, content: [text("Details")] },
        paragraph(text("Plain "), text("bold", { type: "bold" }), text(" and "), text("italic", { type: "italic" })),
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [paragraph(text("one"))] },
            { type: "listItem", content: [paragraph(text("two"))] },
          ],
        },
        { type: "orderedList", content: [{ type: "listItem", content: [paragraph(text("first"))] }] },
        { type: "blockquote", content: [paragraph(text("Quoted."))] },
      ),
    );
    expect(html).toBe(
      "<h2>Background</h2><h3>Details</h3>" +
        "<p>Plain <strong>bold</strong> and <em>italic</em></p>" +
        "<ul><li><p>one</p></li><li><p>two</p></li></ul>" +
        "<ol><li><p>first</p></li></ol>" +
        "<blockquote><p>Quoted.</p></blockquote>",
    );
  });

  it("nests marks in order and closes them in reverse", () => {
    const html = renderDocumentHtml(doc(paragraph(text("x", { type: "bold" }, link("https://example.org/a")))));
    expect(html).toBe('<p><strong><a href="https://example.org/a" rel="noopener">x</a></strong></p>');
  });

  it("keeps page structure: headings stay between h2 and h6, ordered lists keep their start", () => {
    const html = renderDocumentHtml(
      doc(
        { type: "heading", attrs: { level: 1 }, content: [text("a")] },
        { type: "heading", content: [text("b")] },
        { type: "heading", attrs: { level: 9 }, content: [text("c")] },
        { type: "orderedList", attrs: { start: 4 }, content: [{ type: "listItem", content: [paragraph(text("d"))] }] },
      ),
    );
    expect(html).toBe('<h2>a</h2><h2>b</h2><h6>c</h6><ol start="4"><li><p>d</p></li></ol>');
  });

  it("escapes markup and quotes in text", () => {
    const html = renderDocumentHtml(doc(paragraph(text(`<script>alert("x")</script> & 'y'`))));
    expect(html).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>");
    expect(html).not.toContain("<script");
  });

  it("escapes attribute values so an href cannot break out of its quotes", () => {
    const html = renderDocumentHtml(doc(paragraph(text("go", link(`https://example.org/?q="><script>&a='b'`)))));
    expect(html).toBe(
      '<p><a href="https://example.org/?q=&quot;&gt;&lt;script&gt;&amp;a=&#39;b&#39;" rel="noopener">go</a></p>',
    );
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " \tjavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "/relative/path",
    "",
  ])("drops a link to %j but keeps its text", (href) => {
    const html = renderDocumentHtml(doc(paragraph(text("click <me>", link(href)))));
    expect(html).toBe("<p>click &lt;me&gt;</p>");
  });

  it("drops links whose href is not a string", () => {
    const html = renderDocumentHtml(doc(paragraph(text("x", { type: "link", attrs: { href: 42 } }))));
    expect(html).toBe("<p>x</p>");
  });

  it.each(["https://example.org/a?b=1", "http://example.org", "mailto:press@example.org", "HTTPS://EXAMPLE.ORG"])(
    "keeps a link to %s",
    (href) => {
      expect(renderDocumentHtml(doc(paragraph(text("x", link(href)))))).toBe(
        `<p><a href="${escapeHtml(href)}" rel="noopener">x</a></p>`,
      );
    },
  );

  it("ignores unknown nodes' wrappers and unknown marks but keeps their text, escaped", () => {
    const html = renderDocumentHtml(
      doc(
        { type: "codeBlock", content: [text("a < b")] },
        { type: "mystery", text: "<i>raw</i>" },
        paragraph(text("marked", { type: "highlight" })),
      ),
    );
    expect(html).toBe("a &lt; b&lt;i&gt;raw&lt;/i&gt;<p>marked</p>");
  });

  it("renders hard breaks and tolerates missing content", () => {
    expect(renderDocumentHtml(doc(paragraph(text("a"), { type: "hardBreak" }, text("b")), { type: "paragraph" }))).toBe(
      "<p>a<br>b</p><p></p>",
    );
    expect(renderDocumentHtml(doc())).toBe("");
  });

  it("renders generated documents with balanced tags and no raw markup", () => {
    const random = createRandom(99);
    for (let index = 0; index < 50; index++) {
      const { doc: generated } = generatePublication(random, {
        typeName: index % 2 === 0 ? "Report" : "Podcast",
        categoryNames: ["Security"],
        seriesName: null,
        index,
      });
      const html = renderDocumentHtml(generated);
      for (const tag of ["p", "h2", "ul", "ol", "li", "blockquote", "strong", "em", "a"]) {
        const opened = html.split(`<${tag}>`).length - 1 + html.split(`<${tag} `).length - 1;
        expect(opened, tag).toBe(html.split(`</${tag}>`).length - 1);
      }
      expect(html).not.toMatch(/<(?!\/?(p|h2|h3|ul|ol|li|blockquote|strong|em|a)[ >])/);
    }
  });
});

describe("safeHref", () => {
  it("allows only http, https and mailto", () => {
    expect(safeHref("https://example.org")).toBe("https://example.org");
    expect(safeHref("  https://example.org")).toBe("https://example.org");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("\u0000javascript:alert(1)")).toBeNull();
    expect(safeHref("example.org")).toBeNull();
    expect(safeHref(undefined)).toBeNull();
  });
});

describe("documentPlainText", () => {
  it("puts each block on its own line, including list items and quotes", () => {
    const plain = documentPlainText(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text("Title")] },
        paragraph(text("One "), text("two", { type: "bold" }), text(".")),
        { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("Item"))] }] },
        { type: "blockquote", content: [paragraph(text("Quote"))] },
        paragraph(text("a"), { type: "hardBreak" }, text("b")),
      ),
    );
    expect(plain).toBe("Title\nOne two.\nItem\nQuote\na\nb");
  });
});

describe("countWords", () => {
  it.each([
    ["", 0],
    ["   \n ", 0],
    ["Hello, world!", 2],
    ["The US-led plan rose 3.5% to 1,200 tons, didn't it?", 10],
    ["Korea’s exports", 2],
    ["peace — and — prosperity", 3],
    ["— … –– “ ” ,", 0],
    ["김정은 met 習近平 in 北京.", 5],
    ["Rüdiger Müller and José Zoë", 5],
    ["₩2.1 trillion", 2],
    ["line one\nline two", 4],
    ["end-", 1],
  ])("counts %j as %i words", (input, expected) => {
    expect(countWords(input)).toBe(expected);
  });
});
