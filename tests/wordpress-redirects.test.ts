/**
 * Old links keep working: after importing the WordPress sample, the site's own server
 * (server.ts, production build) answers every old address form with a 301 to its new
 * address, and an unknown old address with a 404. Imported pages are served at their path.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importWordPress } from "@/lib/wordpress/import";
import { isolatedTestDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/next-server";

const SAMPLE = process.env.WORDPRESS_SAMPLE ?? "/work/shared/fixtures/wordpress/sample-export.xml";
const testDatabase = isolatedTestDatabase();
let server: TestServer;
let richSlug: string;

beforeAll(async () => {
  const result = await importWordPress(testDatabase.db, fs.createReadStream(SAMPLE));
  expect(result.counts.failed).toBe(0);
  const item = await testDatabase.db.wordPressItem.findUniqueOrThrow({
    where: { kind_wordPressId: { kind: "post", wordPressId: "6266" } },
  });
  richSlug = (await testDatabase.db.publication.findUniqueOrThrow({ where: { id: item.targetId! } })).slug;
  // A date-based permalink and an upload, as a site with pretty permalinks and media would have them.
  await testDatabase.db.redirect.createMany({
    data: [
      {
        fromPath: "/2023/12/01/more-evidence-stronger-relationship",
        toPath: `/publications/${richSlug}`,
        statusCode: 301,
      },
      { fromPath: "/wp-content/uploads/2023/12/launch.jpg", toPath: "/media/launch-key.jpg", statusCode: 301 },
    ],
  });
  server = await startTestServer(testDatabase.url);
}, 900_000);

afterAll(async () => {
  await server?.stop();
});

async function location(path: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(`${server.base}${path}`, { redirect: "manual" });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get("location") };
}

describe("old WordPress addresses", () => {
  it("answer 301 to the new address", async () => {
    const expectations: [string, string | RegExp][] = [
      ["/?p=6266", `/publications/${richSlug}`],
      ["/index.php?p=6266", `/publications/${richSlug}`],
      ["/?p=6266&utm_source=newsletter", `/publications/${richSlug}`],
      ["/2023/12/01/more-evidence-stronger-relationship/", `/publications/${richSlug}`],
      ["/?page_id=6270", "/about-the-institute"],
      ["/category/uncategorized/", "/categories/uncategorized"],
      ["/?cat=1", "/categories/uncategorized"],
      ["/category/uncategorized/feed/", "/categories/uncategorized/feed.xml"],
      ["/tag/russia/", "/search?q=Russia"],
      ["/author/author1/", /^\/authors\/fellow-number-1/],
      ["/feed/", "/feed.xml"],
      ["/?feed=rss2", "/feed.xml"],
      ["/wp-content/uploads/2023/12/launch.jpg", "/media/launch-key.jpg"],
    ];
    for (const [from, to] of expectations) {
      const answer = await location(from);
      expect(answer.status, from).toBe(301);
      expect(answer.location, from).toMatch(typeof to === "string" ? new RegExp(`^${to.replace(/[?]/g, "\\?")}$`) : to);
    }
  });

  it("leave unknown old addresses at 404, and the site's own addresses alone", async () => {
    for (const path of [
      "/2020/01/01/never-was/",
      "/category/nothing-here/",
      "/wp-content/uploads/x.jpg",
      "/no-such-page",
    ]) {
      const response = await fetch(`${server.base}${path}`, { redirect: "follow" });
      await response.arrayBuffer();
      expect(response.status, path).toBe(404);
    }
    // An unknown post id is not an address of its own: the home page answers, as WordPress's would.
    expect((await location("/?p=999999")).status).toBe(200);
    expect((await location(`/publications/${richSlug}`)).status).toBe(200);
  });

  it("serve imported pages at their path; drafts stay hidden", async () => {
    const page = await fetch(`${server.base}/about-the-institute`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("About the Institute");
    const draft = await fetch(`${server.base}/privacy-policy`);
    await draft.arrayBuffer();
    expect(draft.status).toBe(404);
  });
});
