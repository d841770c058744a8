/**
 * The role matrix: every staff action (tests/role-matrix/admin-actions.ts) called directly,
 * with no session and as each role, the way a crafted POST would reach it. Roles without
 * the permission get a 401/403 result and the database is exactly as before; roles with it
 * succeed (so each refusal is a real difference, not a broken call).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/client";
import { isolatedTestDatabase } from "./support/database";
import { asUser, createStaff, stubAppEnvironment, type StaffIdentity } from "./support/request-scope";
import { startSmtpInbox, type SmtpInbox } from "./support/smtp-inbox";
import { ADMIN_ACTIONS, createMatrixFixture } from "./role-matrix/admin-actions";

vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
vi.mock("next/cache", async (original) => ({ ...(await original<typeof import("next/cache")>()), ...(await import("./support/request-scope")).nextCache }));

const ROLES: Role[] = ["AUTHOR", "EDITOR", "ADMIN"];
const testDatabase = isolatedTestDatabase();
let inbox: SmtpInbox;
const staff = {} as Record<Role, StaffIdentity>;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  stubAppEnvironment(testDatabase.url, { SMTP_URL: inbox.url });
  for (const role of ROLES) staff[role] = await createStaff(testDatabase.db, role, `matrix-${role.toLowerCase()}`);
});

afterAll(async () => {
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  await inbox.close();
});

const SNAPSHOT_TABLES = ["User", "Author", "Category", "Series", "Publication", "PublicationAuthor", "PublicationCategory", "SubscriberTopic", "Redirect", "AuditLog", "Media", "Subscriber", "Digest"];

/** Every row of every table a staff action could touch, as text. */
async function snapshot(): Promise<string> {
  const parts = await Promise.all(
    SNAPSHOT_TABLES.map((table) => testDatabase.db.$queryRawUnsafe<Array<{ rows: string }>>(`SELECT coalesce(json_agg(t ORDER BY t::text), '[]')::text AS rows FROM "${table}" t`)),
  );
  return parts.map((part, index) => `${SNAPSHOT_TABLES[index]}: ${part[0]!.rows}`).join("\n");
}

/** What the action answered, or the redirect it ended with, in a session signed in just now. */
async function outcome(run: () => Promise<unknown>, as: StaffIdentity | null): Promise<unknown> {
  // "Sign oneself out everywhere" ends the sessions of earlier tests.
  const session = as && { ...as, sessionVersion: (await testDatabase.db.user.findUniqueOrThrow({ where: { id: as.id } })).sessionVersion };
  try {
    return (await asUser(session, run)).result;
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (digest?.startsWith("NEXT_REDIRECT;")) return { redirect: digest.split(";")[2] };
    throw error;
  }
}

describe.each(ADMIN_ACTIONS)("$name ($permission)", (entry) => {
  const refused: (Role | null)[] = [null, ...ROLES.filter((role) => !can(role, entry.permission))];
  const allowed = ROLES.filter((role) => can(role, entry.permission));

  it.each(refused.map((role) => ({ role: role ?? "anonymous", identity: role })))("is refused for $role, changing nothing", async ({ identity }) => {
    const fixture = await createMatrixFixture(testDatabase.db);
    const before = await snapshot();
    const result = await outcome(() => entry.invoke(fixture), identity && staff[identity]);
    expect(result).toMatchObject({ ok: false, status: identity ? 403 : 401 });
    expect(await snapshot()).toBe(before);
  });

  it.each(allowed)("is allowed for %s", async (role) => {
    const fixture = await createMatrixFixture(testDatabase.db);
    const result = await outcome(() => entry.invoke(fixture), staff[role]);
    expect(result).toSatisfy((value: unknown) => (value as { ok?: boolean }).ok === true || typeof (value as { redirect?: string }).redirect === "string");
  });
});
