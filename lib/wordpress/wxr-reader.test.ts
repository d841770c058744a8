import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readWxr, WxrError } from "./wxr-reader";
import type { WxrRecord } from "./wxr-types";

const SAMPLE = "/work/shared/fixtures/wordpress/sample-export.xml";
const SAMPLE_PATH = process.env.WORDPRESS_SAMPLE ?? SAMPLE;

async function readAll(input: string | Uint8Array, chunkSize = 64): Promise<WxrRecord[]> {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : Buffer.from(input);
  // Small chunks: every boundary (inside a tag, a CDATA section, a multi-byte character) is crossed.
  async function* chunks() {
    for (let offset = 0; offset < bytes.length; offset += chunkSize) yield bytes.subarray(offset, offset + chunkSize);
  }
  const records: WxrRecord[] = [];
  for await (const record of readWxr(chunks())) records.push(record);
  return records;
}

async function failure(input: string | Uint8Array, options?: { maxDecompressedBytes?: number }): Promise<WxrError> {
  try {
    const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : Buffer.from(input);
    for await (const record of readWxr([bytes], options)) void record;
  } catch (error) {
    expect(error).toBeInstanceOf(WxrError);
    return error as WxrError;
  }
  throw new Error("expected the reader to refuse the file");
}

const wxr = (items: string, head = "") => `<?xml version="1.0" encoding="UTF-8" ?>
${head}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Test</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://old.example.org/</wp:base_site_url>
  <wp:author><wp:author_login><![CDATA[jane]]></wp:author_login><wp:author_email>jane@example.org</wp:author_email><wp:author_display_name><![CDATA[Jane Doe]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>asia</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Asia]]></wp:cat_name></wp:category>
  ${items}
</channel>
</rss>`;

const item = (id: number, title: string, body = "<p>Body</p>") => `<item>
  <title><![CDATA[${title}]]></title>
  <link>https://old.example.org/?p=${id}</link>
  <guid isPermaLink="false">https://old.example.org/?p=${id}</guid>
  <dc:creator><![CDATA[jane]]></dc:creator>
  <content:encoded><![CDATA[${body}]]></content:encoded>
  <excerpt:encoded><![CDATA[]]></excerpt:encoded>
  <wp:post_id>${id}</wp:post_id>
  <wp:post_date_gmt>2023-12-01 09:00:00</wp:post_date_gmt>
  <wp:post_name>post-${id}</wp:post_name>
  <wp:status>publish</wp:status>
  <wp:post_type>post</wp:post_type>
  <category domain="category" nicename="asia"><![CDATA[Asia]]></category>
  <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[42]]></wp:meta_value></wp:postmeta>
</item>`;

describe("readWxr", () => {
  it("reads the site, authors, terms and items of an export, in small chunks", async () => {
    const records = await readAll(wxr(item(1, "평양 & Seoul") + item(2, "Second")), 7);
    expect(records[0]).toEqual({
      kind: "site",
      site: {
        title: "Test",
        baseSiteUrl: "https://old.example.org",
        baseBlogUrl: "https://old.example.org",
        wxrVersion: "1.2",
      },
    });
    const author = records.find((record) => record.kind === "author");
    expect(author).toMatchObject({ author: { login: "jane", email: "jane@example.org", displayName: "Jane Doe" } });
    expect(records.find((record) => record.kind === "term")).toMatchObject({
      term: { taxonomy: "category", slug: "asia", name: "Asia" },
    });
    const items = records.flatMap((record) => (record.kind === "item" ? [record.item] : []));
    expect(items.map((entry) => entry.title)).toEqual(["평양 & Seoul", "Second"]);
    expect(items[0]).toMatchObject({
      index: 1,
      postId: 1,
      status: "publish",
      postType: "post",
      content: "<p>Body</p>",
      terms: [{ domain: "category", nicename: "asia", name: "Asia" }],
      meta: { _thumbnail_id: "42" },
    });
  });

  it("reads the real WordPress sample: 208 items", async () => {
    if (!fs.existsSync(SAMPLE_PATH)) return expect.fail(`the sample export is missing at ${SAMPLE_PATH}`);
    let items = 0;
    const statuses = new Set<string>();
    for await (const record of readWxr(fs.createReadStream(SAMPLE_PATH))) {
      if (record.kind === "item") {
        items++;
        statuses.add(`${record.item.postType}:${record.item.status}`);
      }
    }
    expect(items).toBe(208);
    expect(statuses).toEqual(
      new Set([
        "post:publish",
        "post:draft",
        "post:private",
        "post:future",
        "page:publish",
        "page:draft",
        "attachment:inherit",
      ]),
    );
  });

  it("reads a gzip-compressed export, recognised by its bytes", async () => {
    const records = await readAll(gzipSync(Buffer.from(wxr(item(1, "Zipped")))), 50);
    expect(records.filter((record) => record.kind === "item")).toHaveLength(1);
  });

  it("refuses a DOCTYPE, so there is no external entity (XXE)", async () => {
    const error = await failure(wxr(item(1, "&xxe;"), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'));
    expect(error.message).toMatch(/DOCTYPE/);
    expect(error.message).toMatch(/line 2/);
  });

  it("refuses entity expansion (billion laughs)", async () => {
    const laughs =
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n';
    expect((await failure(wxr(item(1, "&lol2;"), laughs))).message).toMatch(/DOCTYPE/);
    // Without a DOCTYPE an undeclared entity is an error too, never expanded.
    const undeclared = wxr(item(1, "x")).replace("<title><![CDATA[x]]></title>", "<title>&lol2;</title>");
    expect((await failure(undeclared)).message).toMatch(/not well-formed.*item 1/i);
  });

  it("names the item and line of a truncated file", async () => {
    const whole = wxr(item(1, "One") + item(2, "Two"));
    const cut = whole.slice(0, whole.indexOf("<wp:post_id>2"));
    const error = await failure(cut);
    expect(error.message).toMatch(/truncated/);
    expect(error.message).toMatch(/after item 2/);
    expect(error.line).toBeGreaterThan(10);
  });

  it("says a truncated gzip file is damaged", async () => {
    const zipped = gzipSync(Buffer.from(wxr(item(1, "One").repeat(50))));
    expect((await failure(zipped.subarray(0, zipped.length - 30))).message).toMatch(/truncated or damaged|truncated/);
  });

  it("refuses bytes that are not UTF-8 and encodings other than UTF-8", async () => {
    const latin1 = Buffer.from(wxr(item(1, "Café")).replace("Café", "Caf\u00e9"), "latin1");
    expect((await failure(latin1)).message).toMatch(/not valid UTF-8/);
    const declared = wxr(item(1, "One")).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect((await failure(declared)).message).toMatch(/ISO-8859-1.*only UTF-8/);
  });

  it("says what a file from another system is", async () => {
    expect(
      (await failure('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')).message,
    ).toMatch(/not a WordPress export.*<feed>/);
    expect(
      (await failure("<rss><channel><title>Plain RSS</title><item><title>x</title></item></channel></rss>")).message,
    ).toMatch(/not a WordPress export.*wxr_version/);
    expect((await failure("just some text, no XML")).message).toMatch(/not well-formed|no XML element/);
    expect((await failure("")).message).toMatch(/empty/);
  });

  it("refuses malformed XML, naming the line", async () => {
    const broken = wxr(item(1, "One")).replace("<wp:post_type>post</wp:post_type>", "<wp:post_type>post</wp:posttype>");
    const error = await failure(broken);
    expect(error.message).toMatch(/not well-formed/);
    expect(error.message).toMatch(/item 1 \(starting on line \d+, post 1\)/);
  });

  it("caps the decompressed size", async () => {
    const bomb = gzipSync(Buffer.from(wxr(item(1, "x".repeat(1000)).repeat(200))));
    expect((await failure(bomb, { maxDecompressedBytes: 50_000 })).message).toMatch(/larger than/);
  });
});
