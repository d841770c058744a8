/**
 * The role matrix: every staff action (tests/role-matrix/admin-actions.ts) called directly,
 * with no session and as each role, the way a crafted POST would reach it. Roles without
 * the permission get a 401/403 result and the database is exactly as before; roles with it
 * succeed (so each refusal is a real difference, not a broken call). State-changing route
 * handlers also refuse a permitted role sending from another site, and the internal
 * revalidation route refuses everyone without its key.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/client";
import { isolatedTestDatabase } from "./support/database";
import { asAnonymous, asUser, createStaff, stubAppEnvironment, type StaffIdentity } from "./support/request-scope";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp";
import { ADMIN_ACTIONS, createMatrixFixture, SITE_ORIGIN } from "./role-matrix/admin-actions";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  ...(await import("./support/request-scope")).nextCache,
}));

const ROLES: Role[] = ["AUTHOR", "EDITOR", "ADMIN"];
const testDatabase = isolatedTestDatabase();
const mediaDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "quire-matrix-media-"));
let inbox: TestSmtpServer;
const staff = {} as Record<Role, StaffIdentity>;

beforeAll(async () => {
  inbox = await startSmtpServer();
  stubAppEnvironment(testDatabase.url, { SMTP_URL: inbox.url, SITE_URL: SITE_ORIGIN, QUIRE_DATA_DIR: mediaDirectory });
  for (const role of ROLES) staff[role] = await createStaff(testDatabase.db, role, `matrix-${role.toLowerCase()}`);
});

afterAll(async () => {
  // Digests and imports queue their background work.
  await (await import("@/lib/jobs/queue")).stopJobQueue();
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  await inbox.close();
  fs.rmSync(mediaDirectory, { recursive: true, force: true });
});

const fixtureFor = () => createMatrixFixture(testDatabase.db, { authorUserId: staff.AUTHOR.id });

const SNAPSHOT_TABLES = [
  "User",
  "Author",
  "Category",
  "Series",
  "Publication",
  "PublicationAuthor",
  "PublicationCategory",
  "Revision",
  "EventDetails",
  "EventSpeaker",
  "EditPresence",
  "SubscriberTopic",
  "Redirect",
  "AuditLog",
  "Media",
  "Subscriber",
  "SubscriberEvent",
  "SubscriberImport",
  "Suppression",
  "Digest",
  "DigestDelivery",
  "Setting",
  "EventRegistration",
  "EventMail",
  "SearchSynonym",
];

/** Every row of every table a staff action could touch, as text. */
async function snapshot(): Promise<string> {
  const parts = await Promise.all(
    SNAPSHOT_TABLES.map((table) =>
      testDatabase.db.$queryRawUnsafe<Array<{ rows: string }>>(
        `SELECT coalesce(json_agg(t ORDER BY t::text), '[]')::text AS rows FROM "${table}" t`,
      ),
    ),
  );
  return parts.map((part, index) => `${SNAPSHOT_TABLES[index]}: ${part[0]!.rows}`).join("\n");
}

type Outcome = { ok?: boolean; status?: number; redirect?: string };

/**
 * What the action answered, in a session signed in just now: its result; a route
 * handler's Response as its status; a redirect() or a thrown 403 (requireRole) as such.
 */
async function outcome(run: () => Promise<unknown>, as: StaffIdentity | null): Promise<Outcome> {
  // "Sign oneself out everywhere" ends the sessions of earlier tests.
  const session = as && {
    ...as,
    sessionVersion: (await testDatabase.db.user.findUniqueOrThrow({ where: { id: as.id } })).sessionVersion,
  };
  try {
    const result = (await asUser(session, run)).result;
    if (!(result instanceof Response)) return result as Outcome;
    // A form post's success answer: 303 to the page showing what it did.
    if (result.status === 303) return { redirect: result.headers.get("location") ?? "" };
    return { ok: result.ok, status: result.status };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT;")) return { redirect: digest.split(";")[2] };
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return { ok: false, status: 403 };
    throw error;
  }
}

/** Refused: 401 (or sent to sign in) without a session, 403 with one. */
function expectRefused(result: Outcome, signedIn: boolean) {
  if (!signedIn && result.redirect !== undefined) expect(result.redirect).toMatch(/^\/login\?callbackUrl=/);
  else expect(result).toMatchObject({ ok: false, status: signedIn ? 403 : 401 });
}

describe.each(ADMIN_ACTIONS)("$name ($permission)", (entry) => {
  const refused: (Role | null)[] = [null, ...ROLES.filter((role) => !can(role, entry.permission))];
  const allowed = ROLES.filter((role) => can(role, entry.permission));

  it.each(refused.map((role) => ({ role: role ?? "anonymous", identity: role })))(
    "is refused for $role, changing nothing",
    async ({ identity }) => {
      const fixture = await fixtureFor();
      const before = await snapshot();
      const result = await outcome(() => entry.invoke(fixture), identity && staff[identity]);
      expectRefused(result, identity !== null);
      expect(await snapshot()).toBe(before);
    },
  );

  it.each(allowed)("is allowed for %s", async (role) => {
    const fixture = await fixtureFor();
    const result = await outcome(() => entry.invoke(fixture), staff[role]);
    expect(
      result.ok === true || (result.redirect !== undefined && !result.redirect.startsWith("/login")),
      JSON.stringify(result),
    ).toBe(true);
  });
});

describe.each(ADMIN_ACTIONS.filter((entry) => entry.checksOrigin))("$name from another site", (entry) => {
  it.each(ROLES.filter((role) => can(role, entry.permission)))("is refused for %s, changing nothing", async (role) => {
    const fixture = await fixtureFor();
    const before = await snapshot();
    const result = await outcome(() => entry.invoke(fixture, "https://attacker.example.net"), staff[role]);
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(await snapshot()).toBe(before);
  });
});

describe("the internal revalidation route", () => {
  const revalidate = async (key: string | null) => {
    const { POST } = await import("@/app/api/internal/revalidate/route");
    const { INTERNAL_KEY_HEADER } = await import("@/lib/cache/invalidate");
    const headers: Record<string, string> = { origin: SITE_ORIGIN, "content-type": "application/json" };
    if (key !== null) headers[INTERNAL_KEY_HEADER] = key;
    return POST(
      new Request(`${SITE_ORIGIN}/api/internal/revalidate`, {
        method: "POST",
        headers,
        body: JSON.stringify({ tags: ["listings"] }),
      }),
    );
  };

  it.each([null, ...ROLES].map((role) => ({ role: role ?? "anonymous", identity: role })))(
    "refuses $role without the key, revalidating nothing",
    async ({ identity }) => {
      for (const key of [null, "a-guessed-key"]) {
        const { result, revalidated } = await asUser(identity && staff[identity], () => revalidate(key));
        expect(result.status).toBe(404);
        expect(revalidated).toEqual([]);
      }
    },
  );

  it("revalidates with the key the server's own jobs send", async () => {
    const key = (await import("@/lib/cache/invalidate")).internalKey();
    const { result, revalidated } = await asAnonymous(() => revalidate(key));
    expect(result.status).toBe(200);
    expect(revalidated).toContain("tag:listings");
  });
});
