import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_AUTHOR, E2E_EDITOR } from "../fixtures";
import { signIn } from "../support/staff";

type Role = "ADMIN" | "EDITOR" | "AUTHOR";
type AdminPage = { path: string; heading: string; roles: readonly Role[] };

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

/**
 * Pages of the other staff areas (publication editor, media library, subscribers,
 * digests, outbox): the lead adds their entries here when the branches are merged.
 */
const PAGES_ADDED_AT_MERGE: AdminPage[] = [];

const ADMIN_PAGES = [...ACCOUNT_AND_TAXONOMY_PAGES, ...PAGES_ADDED_AT_MERGE];

const ACCOUNTS: Record<Role, { email: string; password: string }> = { ADMIN: E2E_ADMIN, EDITOR: E2E_EDITOR, AUTHOR: E2E_AUTHOR };

test("anonymous visitors are sent to sign in from every staff page", async ({ page }) => {
  for (const adminPage of ADMIN_PAGES) {
    await page.goto(adminPage.path);
    // The admin layout's check (which may answer first) returns to the dashboard; a page's own, to the page.
    await expect(page, adminPage.path).toHaveURL(/\/login\?callbackUrl=%2Fadmin/);
    await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  }
});

async function visitAll(page: Page, role: Role) {
  for (const adminPage of ADMIN_PAGES) {
    const response = await page.goto(adminPage.path);
    if (adminPage.roles.includes(role)) {
      expect(response?.status(), `${role} opens ${adminPage.path}`).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: adminPage.heading, exact: true }), adminPage.path).toBeVisible();
    } else {
      expect(response?.status(), `${role} is refused ${adminPage.path}`).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" }), adminPage.path).toBeVisible();
    }
  }
}

for (const role of EVERY_ROLE) {
  test(`${role.toLowerCase()}: allowed pages open, the others answer 403`, async ({ page }) => {
    await signIn(page, ACCOUNTS[role].email, ACCOUNTS[role].password);
    await visitAll(page, role);
  });
}
