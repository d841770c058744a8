import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/client";
import { clientIp } from "@/lib/subscribers/client-ip";
import { authenticate } from "./sign-in";

declare module "next-auth" {
  interface Session {
    user: { id: number; email: string; name: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: number;
    role?: Role;
    /** When the user row was last re-read (ms since epoch). */
    checkedAt?: number;
    /** Set when the account was disabled or deleted since sign-in. */
    revoked?: boolean;
  }
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
/** How stale a session's role and disabled state may get before the user row is read again. */
export const SESSION_RECHECK_MS = 30_000;

type HeaderRecord = Record<string, string | string[] | undefined> | undefined;

function ipFromHeaders(headers: HeaderRecord): string | null {
  return clientIp({
    get(name: string) {
      const value = headers?.[name];
      return Array.isArray(value) ? (value[value.length - 1] ?? null) : (value ?? null);
    },
  });
}

/** The user's current role, or null when the account is gone or disabled. */
export async function currentRole(database: DatabaseClient, userId: number): Promise<{ role: Role; name: string; email: string } | null> {
  const user = await database.user.findUnique({ where: { id: userId }, select: { role: true, name: true, email: true, disabledAt: true } });
  if (!user || user.disabledAt) return null;
  return { role: user.role, name: user.name, email: user.email };
}

export function buildAuthOptions(database: DatabaseClient): NextAuthOptions {
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const result = await authenticate(database, credentials ?? {}, { ip: ipFromHeaders(request?.headers as HeaderRecord) });
          // next-auth hands a thrown error's message to signIn(…, { redirect: false }).
          if (!result.ok) throw new Error(result.message);
          return { id: String(result.user.id), email: result.user.email, name: result.user.name, role: result.user.role };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        const now = Date.now();
        if (user) {
          const signedIn = user as { id: string; role?: Role };
          return { ...token, userId: Number(signedIn.id), role: signedIn.role, checkedAt: now, revoked: false };
        }
        if (token.revoked || token.userId === undefined) return token;
        if (token.checkedAt === undefined || now - token.checkedAt >= SESSION_RECHECK_MS) {
          const current = await currentRole(database, token.userId);
          if (!current) return { ...token, role: undefined, revoked: true, checkedAt: now };
          return { ...token, role: current.role, name: current.name, email: current.email, checkedAt: now };
        }
        return token;
      },
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
