/** The first admin the e2e server creates (scripts/e2e-server.ts); only ever on the e2e database. */
export const E2E_ADMIN = { email: "e2e-admin@example.org", password: "e2e-admin-password-1234" };

/** Staff in the other roles, created by the e2e server alongside the admin. */
export const E2E_EDITOR = {
  email: "e2e-editor@example.org",
  password: "e2e-editor-password-1234",
  name: "Erin Editor",
  role: "EDITOR",
} as const;
export const E2E_AUTHOR = {
  email: "e2e-author@example.org",
  password: "e2e-author-password-1234",
  name: "Arden Author",
  role: "AUTHOR",
} as const;

/** An old address of the newest publication that is not an event, recorded as a redirect by the e2e server. */
export const E2E_MOVED_PUBLICATION_PATH = "/publications/an-earlier-title-of-the-newest-publication";
