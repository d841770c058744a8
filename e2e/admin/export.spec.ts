import fs from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { expectNoAccessibilityViolations } from "../support/axe";
import { expect, test } from "../support/staff";

test("an admin downloads the full export and the WordPress file from /admin/export; editors are refused", async ({
  staffPage,
}) => {
  const admin = await staffPage("ADMIN");
  await admin.goto("/admin");
  await admin.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Export" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Export" })).toBeVisible();
  await expectNoAccessibilityViolations(admin);

  const [archive] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "Download the full export (.tar.gz)" }).click(),
  ]);
  expect(archive.suggestedFilename()).toMatch(/^quire-export-\d{4}-\d{2}-\d{2}\.tar\.gz$/);
  const tar = gunzipSync(await fs.readFile((await archive.path())!)).toString("utf8");
  const manifest = JSON.parse(tar.slice(512, tar.indexOf("\0", 512))) as { format: string; kinds: { kind: string }[] };
  expect(manifest.format).toBe("quire-export");
  expect(manifest.kinds.map((kind) => kind.kind)).toContain("publications");
  expect(tar).not.toContain("$argon2id$");

  const [wxr] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "Download for WordPress (.xml)" }).click(),
  ]);
  expect(wxr.suggestedFilename()).toMatch(/^quire-wxr-\d{4}-\d{2}-\d{2}\.xml$/);
  const xml = await fs.readFile((await wxr.path())!, "utf8");
  expect(xml).toContain("<wp:wxr_version>1.2</wp:wxr_version>");
  expect(xml.trimEnd().endsWith("</rss>")).toBe(true);

  const editor = await staffPage("EDITOR");
  await editor.goto("/admin");
  await expect(editor.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Export" })).toHaveCount(0);
  expect((await editor.goto("/admin/export"))?.status()).toBe(403);
  const refused = await editor.request.get("/admin/export/download?format=quire");
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ ok: false });
});
