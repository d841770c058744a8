import type { Page } from "@playwright/test";
import { expect, sessionFile, test, uniqueEmail, type StaffRole as Role } from "../support/staff";

/** `headings` overrides `heading` for roles that see the page differently (e.g. read-only). */
type AdminPage = { path: string; heading: string; roles: readonly Role[]; headings?: Partial<Record<Role, string>> };

const EVERY_ROLE = ["ADMIN", "EDITOR", "AUTHOR"] as const;
const EDITORS = ["ADMIN", "EDITOR"] as const;

/** Every staff page in this part of the site, and which roles may open it (lib/auth/permissions.ts). */
const ACCOUNT_AND_TAXONOMY_PAGES: AdminPage[] = [
  { path: "/admin", heading: "Dashboard", roles: EVERY_ROLE },
  { path: "/admin/publications", heading: "Publications", roles: EVERY_ROLE },
  { path: "/admin/users", heading: "Users", roles: ["ADMIN"] },
  { path: "/admin/authors", heading: "Authors", roles: EDITORS },
  { path: "/admin/authors/new", heading: "New author", roles: EDITORS },
  { path: "/admin/categories", heading: "Categories", roles: EDITORS },
  { path: "/admin/categories/new", heading: "New category", roles: EDITORS },
  { path: "/admin/series", heading: "Series", roles: EDITORS },
  { path: "/admin/series/new", heading: "New series", roles: EDITORS },
];

/** Pages of the other staff areas: the publication editor, media library, mailing list and settings. */
const CONTENT_AND_MAILING_PAGES: AdminPage[] = [
  { path: "/admin/publications/new", heading: "New publication", roles: EVERY_ROLE },
  { path: "/admin/media", heading: "Media", roles: EVERY_ROLE },
  { path: "/admin/subscribers", heading: "Subscribers", roles: EDITORS },
  { path: "/admin/digests", heading: "Digests", roles: EDITORS },
  { path: "/admin/digests/new", heading: "New digest", roles: EDITORS },
  { path: "/admin/outbox", heading: "Outbox", roles: ["ADMIN"] },
  { path: "/admin/settings", heading: "Settings", roles: ["ADMIN"] },
  { path: "/admin/audit", heading: "Audit log", roles: ["ADMIN"] },
  { path: "/admin/search", heading: "Search", roles: EDITORS },
];

/**
 * Pages of one record (a seeded publication, a subscriber who signed up), whose address
 * and heading are found once per worker, as an admin sees them.
 */
let recordPages: AdminPage[] = [];

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: sessionFile("ADMIN") });
  const page = await context.newPage();
  const email = uniqueEmail("matrix");
  const signup = await page.request.post("/api/subscribe", {
    form: { email },
    headers: { "x-forwarded-for": `198.51.100.${1 + Math.floor(Math.random() * 250)}` },
  });
  expect(signup.status(), "a subscriber signs up").toBe(200);
  /** The first record the list links to, e.g. /admin/publications/12. */
  const recordPage = async (listPath: string, recordPath: RegExp, roles: readonly Role[]): Promise<AdminPage> => {
    await page.goto(listPath);
    const hrefs = await page
      .locator("main a[href]")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    const path = hrefs.find((href) => recordPath.test(href));
    expect(path, `${listPath} links to a record`).toBeDefined();
    await page.goto(path!);
    return { path: path!, heading: await page.getByRole("heading", { level: 1 }).innerText(), roles };
  };
  const publicationPage = await recordPage("/admin/publications", /^\/admin\/publications\/\d+$/, EVERY_ROLE);
  // Authors may look at others' publications but not edit them: the page shows the title instead of the editor.
  const title = await page.getByLabel("Title", { exact: true }).inputValue();
  recordPages = [
    { ...publicationPage, headings: { AUTHOR: title } },
    await recordPage(`/admin/subscribers?q=${encodeURIComponent(email)}`, /^\/admin\/subscribers\/\d+$/, EDITORS),
  ];
  await context.close();
});

/** The pages in two halves, a test each, so that no one test opens all of them in turn. */
const PAGE_GROUPS: Record<string, () => AdminPage[]> = {
  "accounts and taxonomy": () => ACCOUNT_AND_TAXONOMY_PAGES,
  "content, mailing and single records": () => [...CONTENT_AND_MAILING_PAGES, ...recordPages],
};

for (const [group, pages] of Object.entries(PAGE_GROUPS)) {
  test(`anonymous visitors are sent to sign in from every staff page (${group})`, async ({ page }) => {
    for (const adminPage of pages()) {
      await page.goto(adminPage.path);
      // The admin layout's check (which may answer first) returns to the dashboard; a page's own, to the page.
      await expect(page, adminPage.path).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
      await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
    }
  });
}

async function visitAll(page: Page, role: Role, adminPages: AdminPage[]) {
  for (const adminPage of adminPages) {
    const response = await page.goto(adminPage.path);
    if (adminPage.roles.includes(role)) {
      expect(response?.status(), `${role} opens ${adminPage.path}`).toBe(200);
      const heading = adminPage.headings?.[role] ?? adminPage.heading;
      await expect(page.getByRole("heading", { level: 1, name: heading, exact: true }), adminPage.path).toBeVisible();
    } else {
      expect(response?.status(), `${role} is refused ${adminPage.path}`).toBe(403);
      await expect(
        page.getByRole("heading", { level: 1, name: "You do not have access to this page" }),
        adminPage.path,
      ).toBeVisible();
    }
  }
}

for (const role of EVERY_ROLE) {
  test.describe(`signed in as ${role.toLowerCase()}`, () => {
    test.use({ storageState: sessionFile(role) });
    for (const [group, pages] of Object.entries(PAGE_GROUPS)) {
      test(`${role.toLowerCase()}: allowed pages open, the others answer 403 (${group})`, async ({ page }) => {
        await visitAll(page, role, pages());
      });
    }
  });
}
