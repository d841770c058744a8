import { describe, expect, it } from "vitest";
import { renderBody } from "@/lib/content/body";
import { renderDocumentHtml, type ProseMirrorDoc, type ProseMirrorNode } from "@/lib/content/render-html";
import { sanitizeBodyHtml } from "@/lib/content/sanitize";
import { parseBodyDocument } from "@/lib/content/schema";
import { videoEmbedUrl } from "@/lib/content/video";
import { createRandom } from "@/scripts/demo/random";
import { generatePublication } from "@/scripts/demo/prose";
import { XSS_VECTORS } from "./fixtures/xss-vectors";
import { unsafeParts } from "./support/html-safety";

const doc = (...content: ProseMirrorNode[]): ProseMirrorDoc => ({ type: "doc", content });
const paragraph = (...content: ProseMirrorNode[]): ProseMirrorNode => ({ type: "paragraph", content });
const text = (value: string, marks?: ProseMirrorNode["marks"]): ProseMirrorNode => ({
  type: "text",
  text: value,
  ...(marks ? { marks } : {}),
});

/** The full pipeline as a save runs it: validate, then render and sanitize what passed; or the raw render of an unvalidated document. */
function pipelineOutputs(document: unknown): string[] {
  const outputs = [
    sanitizeBodyHtml(renderDocumentHtml(document as ProseMirrorDoc)),
    renderDocumentHtml(document as ProseMirrorDoc),
  ];
  const parsed = parseBodyDocument(document);
  if (parsed.ok) outputs.push(renderBody(parsed.doc).bodyHtml);
  return outputs;
}

function expectSafe(outputs: string[]) {
  for (const html of outputs) expect(unsafeParts(html), html).toEqual([]);
}

describe("the body pipeline against XSS vectors", () => {
  it("has at least 100 vectors", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(100);
  });

  it.each(XSS_VECTORS)("neutralises %s as pasted text, link, image, video and raw HTML", (vector) => {
    // Pasted as text: stays text.
    const asText = pipelineOutputs(doc(paragraph(text(vector))));
    expectSafe(asText);
    expect(
      renderBody({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: vector }] }] }).bodyHtml,
    ).not.toMatch(/<script/i);
    // As a link target, an image source, a video address, a footnote and a caption.
    expectSafe(pipelineOutputs(doc(paragraph(text("link", [{ type: "link", attrs: { href: vector } }])))));
    expectSafe(
      pipelineOutputs(doc({ type: "image", attrs: { src: vector, alt: vector, caption: vector, credit: vector } })),
    );
    expectSafe(pipelineOutputs(doc({ type: "youtube", attrs: { src: vector } })));
    expectSafe(pipelineOutputs(doc(paragraph(text("a"), { type: "footnote", attrs: { content: vector } }))));
    // As raw HTML reaching the sanitizer directly (the second layer alone).
    expectSafe([sanitizeBodyHtml(vector), sanitizeBodyHtml(`<p>${vector}</p>`)]);
  });

  it("refuses malicious node types, marks and attributes when validating", () => {
    const malicious: unknown[] = [
      doc({ type: "script", content: [text("alert(1)")] } as ProseMirrorNode),
      doc({ type: "iframe", attrs: { src: "https://evil.example" } }),
      doc(paragraph(text("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]))),
      doc(paragraph(text("x", [{ type: "onclick", attrs: { value: "alert(1)" } }]))),
      doc({ type: "image", attrs: { src: "javascript:alert(1)", alt: "x" } }),
      doc({ type: "image", attrs: { src: "https://example.org/a.png", alt: "" } }),
      doc({ type: "image", attrs: { src: "data:image/svg+xml,<svg onload=alert(1)>", alt: "x" } }),
      doc({ type: "youtube", attrs: { src: "https://evil.example/embed/abcdefghijk" } }),
      doc({ type: "heading", attrs: { level: 1 }, content: [text("h1 belongs to the page")] }),
      { type: "html", content: "<script>alert(1)</script>" },
      "<script>alert(1)</script>",
      null,
    ];
    for (const document of malicious) {
      expect(parseBodyDocument(document).ok, JSON.stringify(document)).toBe(false);
      if (document && typeof document === "object") expectSafe(pipelineOutputs(document));
    }
  });

  it("drops unknown attributes (event handlers, styles) from accepted nodes", () => {
    const parsed = parseBodyDocument({
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { onclick: "alert(1)", style: "x" },
          content: [{ type: "text", text: "a", onmouseover: "alert(1)" }],
        },
        { type: "image", attrs: { src: "/media/a.png", alt: "A chart", onerror: "alert(1)", mediaId: 4 } },
      ],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(JSON.stringify(parsed.doc)).not.toMatch(/onclick|onerror|onmouseover|style/);
    expect(renderBody(parsed.doc).bodyHtml).toBe(
      '<p>a</p><figure><img src="/media/a.png" alt="A chart" loading="lazy" /></figure>',
    );
  });
});

describe("rendering the supported content", () => {
  it("renders marks, rules, tables, figures, videos and numbered footnotes", () => {
    const parsed = parseBodyDocument({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Section" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "u", marks: [{ type: "underline" }] },
            { type: "text", text: "s", marks: [{ type: "strike" }] },
            { type: "text", text: "c", marks: [{ type: "code" }] },
            { type: "footnote", attrs: { content: "First note." } },
            { type: "text", text: " and " },
            { type: "footnote", attrs: { content: "Second <note>." } },
          ],
        },
        { type: "horizontalRule" },
        {
          type: "image",
          attrs: {
            src: "/media/2026/chart.png",
            alt: "Chart",
            caption: "Exports",
            credit: "Photo: KEI",
            width: 800,
            height: 600,
          },
        },
        { type: "youtube", attrs: { src: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" } },
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [
                {
                  type: "tableHeader",
                  attrs: { colspan: 2 },
                  content: [{ type: "paragraph", content: [{ type: "text", text: "H" }] }],
                },
              ],
            },
            {
              type: "tableRow",
              content: [
                { type: "tableCell", content: [{ type: "paragraph", content: [{ type: "text", text: "1" }] }] },
              ],
            },
          ],
        },
      ],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { bodyHtml, wordCount } = renderBody(parsed.doc);
    expect(bodyHtml).toContain("<h3>Section</h3>");
    expect(bodyHtml).toContain("<u>u</u><s>s</s><code>c</code>");
    expect(bodyHtml).toContain('<sup class="footnote-ref" id="fnref-1"><a href="#fn-1"');
    expect(bodyHtml).toContain('<li id="fn-2">Second &lt;note&gt;.');
    expect(bodyHtml).toContain("<hr />");
    expect(bodyHtml).toContain(
      '<figure><img src="/media/2026/chart.png" alt="Chart" width="800" height="600" loading="lazy" /><figcaption>Exports <small>Photo: KEI</small></figcaption></figure>',
    );
    expect(bodyHtml).toContain('<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
    expect(bodyHtml).toMatch(/sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"/);
    expect(bodyHtml).toContain('<th colspan="2"><p>H</p></th>');
    expect(wordCount).toBeGreaterThan(3);
    expectSafe([bodyHtml]);
  });

  it.each([
    ["https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"],
    ["https://www.youtube.com/embed/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"],
    ["https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"],
    ["https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871"],
    ["https://evil.example/watch?v=dQw4w9WgXcQ", null],
    ["https://www.youtube.com/watch?v=short", null],
    ["javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", null],
  ])("embeds %s as %s", (address, expected) => {
    expect(videoEmbedUrl(address)).toBe(expected);
  });
});

describe("the safety check used above", () => {
  it("finds what it looks for", () => {
    expect(unsafeParts("<p>fine</p>")).toEqual([]);
    expect(unsafeParts('<img src=x onerror="alert(1)">').length).toBeGreaterThan(0);
    expect(unsafeParts('<a href="jav&#x09;ascript:alert(1)">x</a>')).toContain("javascript: URL in href on <a>");
    expect(unsafeParts('<iframe src="https://evil.example/"></iframe>')).toContain("iframe from https://evil.example/");
    expect(unsafeParts("<script>alert(1)</script>")).toContain("element <script>");
  });
});

describe("existing bodies", () => {
  it("accepts the demo archive's documents, so they stay editable, and renders them as before", () => {
    const random = createRandom(7);
    for (let index = 0; index < 40; index++) {
      const { doc: generated } = generatePublication(random, {
        typeName: "Commentary",
        categoryNames: ["Security"],
        seriesName: null,
        index,
      });
      const parsed = parseBodyDocument(generated);
      expect(parsed.ok, parsed.ok ? "" : parsed.message).toBe(true);
      if (parsed.ok) expect(renderBody(parsed.doc).bodyHtml).toBe(sanitizeBodyHtml(renderDocumentHtml(generated)));
    }
  });
});

describe("where body images may come from", () => {
  const image = (src: string) => doc({ type: "image", attrs: { src, alt: "A picture" } });

  it("refuses and drops images from hosts not configured, which would learn who reads what", () => {
    for (const src of [
      "https://tracker.example/pixel.gif",
      "https://images.example.org.tracker.example/a.png",
      "https://tracker.example/a.png?host=images.example.org",
    ]) {
      const parsed = parseBodyDocument(image(src), { imageHosts: ["images.example.org"] });
      expect(parsed, src).toMatchObject({
        ok: false,
        message: expect.stringMatching(/images must come from the media library or images\.example\.org/),
      });
      expect(renderDocumentHtml(image(src), { imageHosts: ["images.example.org"] }), src).not.toContain("<img");
    }
    expect(parseBodyDocument(image("https://tracker.example/pixel.gif"))).toEqual({
      ok: false,
      message:
        "The body contains an image from tracker.example: images must come from the media library. Upload the image to the media library and insert it from there.",
    });
    expect(
      parseBodyDocument(image("https://user@images.example.org/a.png"), { imageHosts: ["images.example.org"] }).ok,
    ).toBe(false);
    // Nested in a list or a table cell, too.
    const nested = doc({
      type: "bulletList",
      content: [
        { type: "listItem", content: [{ type: "image", attrs: { src: "https://tracker.example/a.png", alt: "x" } }] },
      ],
    });
    expect(parseBodyDocument(nested).ok).toBe(false);
    // The sanitizer, as the second layer, drops them from HTML whatever produced it.
    expect(sanitizeBodyHtml('<p>a</p><img src="https://tracker.example/pixel.gif" alt="">')).toBe("<p>a</p>");
    expect(renderBody({ type: "doc", content: [image("https://tracker.example/p.gif") as never] }).bodyHtml).toBe("");
  });

  it("keeps images from the media library and from the configured hosts", () => {
    const hosts = { imageHosts: ["images.example.org"] };
    expect(parseBodyDocument(image("/media/uploads/a.png")).ok).toBe(true);
    for (const src of ["https://images.example.org/a.png", "https://IMAGES.example.org/b.png"]) {
      const parsed = parseBodyDocument(image(src), hosts);
      expect(parsed.ok, src).toBe(true);
      if (parsed.ok) expect(renderBody(parsed.doc, hosts).bodyHtml).toContain('<img src="https://images.example.org/');
    }
    expect(sanitizeBodyHtml('<img src="https://images.example.org/a.png" alt="">', hosts)).toBe(
      '<img src="https://images.example.org/a.png" alt="" />',
    );
  });

  it("reads CONTENT_IMAGE_HOSTS as a list of hostnames", async () => {
    const { parseEnvironment } = await import("@/lib/env");
    const base = { DATABASE_URL: "postgresql://localhost/quire" };
    expect(parseEnvironment(base).CONTENT_IMAGE_HOSTS).toEqual([]);
    expect(
      parseEnvironment({ ...base, CONTENT_IMAGE_HOSTS: "Images.Example.org, cdn.example.net  cdn.example.net" })
        .CONTENT_IMAGE_HOSTS,
    ).toEqual(["images.example.org", "cdn.example.net"]);
    expect(() => parseEnvironment({ ...base, CONTENT_IMAGE_HOSTS: "https://images.example.org/" })).toThrow(
      /CONTENT_IMAGE_HOSTS: not a hostname: https:\/\/images\.example\.org\//,
    );
  });
});
