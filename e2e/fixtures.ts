/** The first admin the e2e server creates (scripts/e2e-server.ts); only ever on the e2e database. */
export const E2E_ADMIN = { email: "e2e-admin@example.org", password: "e2e-admin-password-1234" };

/** An old address of the newest publication, recorded as a redirect by the e2e server. */
export const E2E_MOVED_PUBLICATION_PATH = "/publications/an-earlier-title-of-the-newest-publication";
