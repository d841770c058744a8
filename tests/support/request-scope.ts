/**
 * Runs server actions and pages' session checks in vitest as a given staff member,
 * through the real code path: a next-auth JWT signed with the app's secret sits in the
 * request's cookies, next-auth decodes it and lib/auth/config.ts reads the account from
 * the (real) database. Only Next's request plumbing is stood in for, in each test file:
 *
 *   vi.mock("next/headers", async () => (await import("./support/request-scope")).nextHeaders);
 *   vi.mock("next/cache", async (original) => ({ ...(await original()), ...(await import("./support/request-scope")).nextCache }));
 *
 * then `await asUser(user, () => someAction(null, form))`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { vi } from "vitest";
import { createStaffAccount } from "@/lib/auth/accounts";
import type { DatabaseClient } from "@/lib/db-client";
import type { Role } from "@/lib/generated/prisma/client";

type Scope = { cookies: Map<string, string>; headers: Headers; revalidated: string[] };
/** What a background job sees: no request at all, as in a worker inside `next start`. */
const NO_REQUEST: unique symbol = Symbol.for("quire.test.no-request") as never;

// Kept on globalThis: vi.resetModules() gives the mocked next/headers its own copy of this
// module, which must see the same requests as the test's copy.
const shared = globalThis as {
  quireTestRequests?: AsyncLocalStorage<Scope | typeof NO_REQUEST>;
  quireStandingRequest?: Scope;
};
const scopes = (shared.quireTestRequests ??= new AsyncLocalStorage<Scope | typeof NO_REQUEST>());

function scope(): Scope {
  // The request that calls outside asUser() belong to, once a test file chose one with actAs().
  const stored = scopes.getStore();
  const current = stored === NO_REQUEST ? undefined : (stored ?? shared.quireStandingRequest);
  if (!current)
    throw new Error(
      "Called outside a request: wrap the call in asUser() or asAnonymous(), or choose a user with actAs().",
    );
  return current;
}

export const nextHeaders = {
  headers: async () => scope().headers,
  cookies: async () => {
    const { cookies } = scope();
    return {
      get: (name: string) => (cookies.has(name) ? { name, value: cookies.get(name)! } : undefined),
      getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
      has: (name: string) => cookies.has(name),
      set: (name: string, value: string) => void cookies.set(name, value),
      delete: (name: string) => void cookies.delete(name),
    };
  },
};

/** Cache invalidation is recorded on the request, so tests can see what an action revalidated. */
export const nextCache = {
  revalidateTag: (tag: string) => void scope().revalidated.push(`tag:${tag}`),
  updateTag: (tag: string) => void scope().revalidated.push(`tag:${tag}`),
  revalidatePath: (path: string) => void scope().revalidated.push(`path:${path}`),
};

/** The NEXTAUTH_SECRET tests run the app with (stub it before the app's modules load). */
export const TEST_SECRET = "a-test-secret-that-is-long-enough-for-next-auth";

export type StaffIdentity = { id: number; email: string; name: string; role: Role; sessionVersion: number };

/** The session cookie next-auth would have set when `user` signed in (`sid`: that session's id). */
export async function sessionCookie(
  user: StaffIdentity,
  sid = randomBytes(16).toString("base64url"),
): Promise<[string, string]> {
  const { SESSION_COOKIE_NAME } = await import("@/lib/auth/config");
  const { env } = await import("@/lib/env");
  const token = await encode({
    secret: env.NEXTAUTH_SECRET!,
    token: {
      sub: String(user.id),
      email: user.email,
      name: user.name,
      userId: user.id,
      role: user.role,
      sessionVersion: user.sessionVersion,
      sid,
      revoked: false,
    },
  });
  return [SESSION_COOKIE_NAME, token];
}

export type RequestOutcome<T> = { result: T; revalidated: string[] };

async function inRequest<T>(
  cookies: Map<string, string>,
  run: () => Promise<T>,
  ip: string,
): Promise<RequestOutcome<T>> {
  const request: Scope = {
    cookies,
    headers: new Headers({ host: "localhost:3000", "x-quire-client-address": ip }),
    revalidated: [],
  };
  const result = await scopes.run(request, run);
  return { result, revalidated: request.revalidated };
}

/**
 * Runs `run` as one request carrying exactly `cookies` (a browser's jar: what the request
 * sets lands in it) and `headers`.
 */
export async function asBrowser<T>(cookies: Map<string, string>, headers: Headers, run: () => Promise<T>): Promise<T> {
  return scopes.run({ cookies, headers, revalidated: [] }, run);
}

/** Runs `run` as one request from `user` (null: nobody signed in). */
export async function asUser<T>(
  user: StaffIdentity | null,
  run: () => Promise<T>,
  ip = "192.0.2.10",
): Promise<RequestOutcome<T>> {
  return inRequest(new Map(user ? [await sessionCookie(user)] : []), run, ip);
}

export const asAnonymous = <T>(run: () => Promise<T>, ip?: string) => asUser(null, run, ip);

/** Runs `run` outside any request, as a background job does (next/headers then throws). */
export function outsideRequests<T>(run: () => Promise<T>): Promise<T> {
  return scopes.run(NO_REQUEST, run);
}

/**
 * For test files that make many calls as one user: from now on every call outside asUser()
 * runs as `user` (null: nobody signed in). Returns what those calls revalidate.
 */
export async function actAs(user: StaffIdentity | null, ip = "192.0.2.10"): Promise<string[]> {
  const cookies = new Map(user ? [await sessionCookie(user)] : []);
  shared.quireStandingRequest = {
    cookies,
    headers: new Headers({ host: "localhost:3000", "x-quire-client-address": ip }),
    revalidated: [],
  };
  return shared.quireStandingRequest.revalidated;
}

/**
 * Points the app's environment at this file's database (and SMTP server), before the app's
 * modules are first imported (dynamically, after this runs in beforeAll).
 */
export function stubAppEnvironment(databaseUrl: string, extra: Record<string, string> = {}) {
  const environment = {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: TEST_SECRET,
    SITE_URL: "https://think.example.org",
    SITE_NAME: "Quire Test Institute",
    ...extra,
  };
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
}

/** A staff account in `role`, created the way the CLI does it. */
export async function createStaff(
  database: DatabaseClient,
  role: Role,
  label: string = role.toLowerCase(),
): Promise<StaffIdentity> {
  const email = `${label}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const name = `${label.charAt(0).toUpperCase()}${label.slice(1)} Person`;
  const account = await createStaffAccount(database, { email, name, role, password: STAFF_PASSWORD });
  return { id: account.id, email, name, role, sessionVersion: 0 };
}

export const STAFF_PASSWORD = "a-perfectly-good-staff-password";
