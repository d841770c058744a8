import "server-only";
import { randomBytes } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import { decode, type JWT } from "next-auth/jwt";
import { cookies } from "next/headers";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/client";
import { clientIp } from "@/lib/http/client-ip";
import { safeRedirectUrl } from "./callback-url";
import {
  createKnownDeviceToken,
  deriveKnownDeviceKey,
  KNOWN_DEVICE_LIFETIME_SECONDS,
  readKnownDeviceToken,
  type KnownDevice,
} from "./known-device";
import {
  createPendingSignInToken,
  derivePendingSignInKey,
  PENDING_SIGN_IN_LIFETIME_SECONDS,
  readPendingSignInToken,
  type PendingSignIn,
} from "./pending-sign-in";
import { endSession, SESSION_MAX_AGE_SECONDS } from "./sessions";
import { authenticate, authenticateSecondFactor, type SignInResult } from "./sign-in";
import { secondFactorKeys } from "./two-factor-key";

declare module "next-auth" {
  interface Session {
    user: { id: number; email: string; name: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: number;
    role?: Role;
    /** The user's sessionVersion at sign-in; raising it in the database ends this session. */
    sessionVersion?: number;
    /** This session's id: "Sign out" records it in RevokedSession, which ends this session only. */
    sid?: string;
    /** Set once the account was disabled, deleted or signed out everywhere; stays set. */
    revoked?: boolean;
  }
}

type HeaderRecord = Record<string, string | string[] | undefined> | undefined;

function headerOf(headers: HeaderRecord, name: string): string | null {
  const value = headers?.[name];
  return Array.isArray(value) ? (value[value.length - 1] ?? null) : (value ?? null);
}

function ipFromHeaders(headers: HeaderRecord): string | null {
  return clientIp({ get: (name: string) => headerOf(headers, name) });
}

/** One cookie's value from a Cookie header, or null. */
function cookieFromHeaders(headers: HeaderRecord, name: string): string | null {
  for (const pair of (headerOf(headers, "cookie") ?? "").split(";")) {
    const separator = pair.indexOf("=");
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return null;
}

export type SessionAccount = { role: Role; name: string; email: string };

/**
 * The account behind a session, read on every request that asks who is signed in (the
 * account by primary key, with this session's id among its signed-out sessions, also by
 * primary key), so a disabled account, a changed role, "Sign out" or "Sign out everywhere"
 * takes effect on the next request. Null when the session no longer counts.
 */
async function sessionAccount(database: DatabaseClient, token: JWT): Promise<SessionAccount | null> {
  // A session without an id (issued before sessions had one) cannot be signed out alone: it no longer counts.
  if (typeof token.userId !== "number" || typeof token.sid !== "string") return null;
  const user = await database.user.findUnique({
    where: { id: token.userId },
    select: {
      role: true,
      name: true,
      email: true,
      disabledAt: true,
      sessionVersion: true,
      revokedSessions: { where: { id: token.sid }, select: { id: true } },
    },
  });
  if (!user || user.disabledAt || user.sessionVersion !== token.sessionVersion || user.revokedSessions.length > 0)
    return null;
  return { role: user.role, name: user.name, email: user.email };
}

/**
 * next-auth's cookies, spelled out: HttpOnly, SameSite=Lax, and Secure (with the
 * __Secure-/__Host- name prefixes browsers enforce) whenever the site is served over
 * https, as it must be in production. A plain-http SITE_URL (local development, the e2e
 * server) gets the same cookies without Secure, which browsers would not send back.
 */
export function sessionCookies(siteUrl: string): Pick<NextAuthOptions, "useSecureCookies" | "cookies"> {
  const secure = new URL(siteUrl).protocol === "https:";
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  const prefix = secure ? "__Secure-" : "";
  return {
    useSecureCookies: secure,
    cookies: {
      sessionToken: { name: `${prefix}next-auth.session-token`, options },
      callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
      csrfToken: { name: `${secure ? "__Host-" : ""}next-auth.csrf-token`, options },
    },
  };
}

export const SESSION_COOKIE_NAME = sessionCookies(env.SITE_URL).cookies!.sessionToken!.name;

/**
 * The known-device cookie (lib/auth/known-device.ts): HttpOnly, sent only to the sign-in
 * endpoint, Secure over https. It outlives sessions: signing out does not forget the device.
 */
export function knownDeviceCookie(siteUrl: string) {
  const secure = new URL(siteUrl).protocol === "https:";
  return {
    name: `${secure ? "__Secure-" : ""}quire.known-device`,
    options: {
      httpOnly: true,
      sameSite: "lax" as const,
      path: "/api/auth/callback/credentials",
      secure,
      maxAge: KNOWN_DEVICE_LIFETIME_SECONDS,
    },
  };
}

let deviceKey: Buffer | undefined;
function knownDeviceKey(): Buffer | null {
  if (!env.NEXTAUTH_SECRET) return null;
  deviceKey ??= deriveKnownDeviceKey(env.NEXTAUTH_SECRET);
  return deviceKey;
}

/** The known device a request's cookie names, if its signature holds. */
function knownDeviceOf(headers: HeaderRecord): KnownDevice | null {
  const key = knownDeviceKey();
  const value = cookieFromHeaders(headers, knownDeviceCookie(env.SITE_URL).name);
  return key && value ? readKnownDeviceToken(key, value) : null;
}

/**
 * Makes this browser a known device of `userId` after a sign-in, keeping its identity
 * (`nonce`) when it already was one. Only inside the sign-in route handler, whose response
 * carries the cookie. (Not from the set-password action: a cookie set by a server action
 * makes Next render the page again, and the link just used would show as expired.)
 */
export async function rememberKnownDevice(userId: number, nonce: string | null = null): Promise<void> {
  const key = knownDeviceKey();
  if (!key) return;
  const { name, options } = knownDeviceCookie(env.SITE_URL);
  (await cookies()).set(name, createKnownDeviceToken(key, userId, nonce ?? undefined), options);
}

/**
 * The pending sign-in cookie (lib/auth/pending-sign-in.ts), between the password and the
 * code: HttpOnly, sent only to the sign-in endpoint, gone after five minutes.
 */
export function pendingSignInCookie(siteUrl: string) {
  const secure = new URL(siteUrl).protocol === "https:";
  return {
    name: `${secure ? "__Secure-" : ""}quire.pending-sign-in`,
    options: {
      httpOnly: true,
      sameSite: "lax" as const,
      path: "/api/auth/callback/credentials",
      secure,
      maxAge: PENDING_SIGN_IN_LIFETIME_SECONDS,
    },
  };
}

let pendingKey: Buffer | undefined;
function pendingSignInKey(): Buffer | null {
  if (!env.NEXTAUTH_SECRET) return null;
  pendingKey ??= derivePendingSignInKey(env.NEXTAUTH_SECRET);
  return pendingKey;
}

function pendingSignInOf(headers: HeaderRecord): PendingSignIn | null {
  const key = pendingSignInKey();
  const value = cookieFromHeaders(headers, pendingSignInCookie(env.SITE_URL).name);
  return key && value ? readPendingSignInToken(key, value) : null;
}

/** Sets (or, with null, clears) the pending sign-in cookie; only inside the sign-in route handler. */
async function setPendingSignIn(pending: PendingSignIn | null): Promise<void> {
  const key = pendingSignInKey();
  if (!key) return;
  const { name, options } = pendingSignInCookie(env.SITE_URL);
  const store = await cookies();
  if (pending) store.set(name, createPendingSignInToken(key, pending), options);
  else store.set(name, "", { ...options, maxAge: 0 });
}

export type SessionUser = { id: number; email: string; name: string; role: Role };

/**
 * Who a request's session cookie belongs to, checked against the database: the signed
 * token (next-auth's JWT, decrypted and its expiry checked) says which account and which
 * sessionVersion; the account row says whether that still counts and with which role.
 * `cookie` reads one cookie by name (next-auth splits a large token into name.0, name.1…).
 */
export async function sessionUserFromCookies(
  database: DatabaseClient,
  cookie: (name: string) => string | undefined,
): Promise<SessionUser | null> {
  let raw = cookie(SESSION_COOKIE_NAME);
  if (raw === undefined) {
    const chunks: string[] = [];
    for (let index = 0; cookie(`${SESSION_COOKIE_NAME}.${index}`) !== undefined; index += 1)
      chunks.push(cookie(`${SESSION_COOKIE_NAME}.${index}`)!);
    raw = chunks.length > 0 ? chunks.join("") : undefined;
  }
  if (!raw || !env.NEXTAUTH_SECRET) return null;
  const token = await decode({ token: raw, secret: env.NEXTAUTH_SECRET }).catch(() => null);
  if (!token || token.revoked || typeof token.userId !== "number") return null;
  const account = await sessionAccount(database, token);
  return account && { id: token.userId, ...account };
}

export function buildAuthOptions(database: DatabaseClient): NextAuthOptions {
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    ...sessionCookies(env.SITE_URL),
    events: {
      signOut: ({ token }) => endSession(database, token),
    },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        // Two steps at one endpoint: the email and password, then (for an account with a
        // second factor) the code alone, with the pending sign-in cookie the first step set.
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
          code: { label: "Authentication code", type: "text" },
        },
        async authorize(credentials, request) {
          const headers = request?.headers as HeaderRecord;
          const context = { ip: ipFromHeaders(headers), device: knownDeviceOf(headers) };
          const secondStep = typeof credentials?.code === "string" && credentials.code !== "";
          const result: SignInResult = secondStep
            ? await authenticateSecondFactor(
                database,
                { code: credentials.code },
                { ...context, pending: pendingSignInOf(headers), secretKeys: secondFactorKeys() },
              )
            : await authenticate(database, credentials ?? {}, context);
          if (!result.ok && result.reason === "second_factor_required") await setPendingSignIn(result.pending);
          if (!result.ok && result.reason === "expired") await setPendingSignIn(null);
          // next-auth hands a thrown error's message to signIn(…, { redirect: false }).
          if (!result.ok) throw new Error(result.message);
          if (secondStep) await setPendingSignIn(null);
          await rememberKnownDevice(result.knownDevice.userId, result.knownDevice.nonce);
          const { id, email, name, role, sessionVersion } = result.user;
          return { id: String(id), email, name, role, sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const signedIn = user as { id: string; role?: Role; sessionVersion?: number };
          return {
            ...token,
            userId: Number(signedIn.id),
            role: signedIn.role,
            sessionVersion: signedIn.sessionVersion,
            sid: randomBytes(16).toString("base64url"),
            revoked: false,
          };
        }
        if (token.revoked || token.userId === undefined) return token;
        const current = await sessionAccount(database, token);
        if (!current) return { ...token, role: undefined, revoked: true };
        return { ...token, role: current.role, name: current.name, email: current.email };
      },
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      async session({ session, token }) {
        if (token.revoked || token.userId === undefined || !token.role) {
          // An empty session: getCurrentUser treats it as signed out.
          return { expires: session.expires } as typeof session;
        }
        session.user = { id: token.userId, email: token.email ?? "", name: token.name ?? "", role: token.role };
        return session;
      },
    },
  };
}

export const authOptions: NextAuthOptions = buildAuthOptions(db);
