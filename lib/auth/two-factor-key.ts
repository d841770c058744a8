import { env } from "@/lib/env";
import { deriveSecretKey } from "./totp";

let current: Buffer | undefined;
let previous: Buffer | undefined;

/** The key two-factor secrets are stored under (lib/auth/totp.ts), from NEXTAUTH_SECRET. */
export function secondFactorKey(): Buffer {
  if (!env.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET is not set: two-factor secrets cannot be stored or read.");
  current ??= deriveSecretKey(env.NEXTAUTH_SECRET);
  return current;
}

/** The keys stored secrets are read with: the current one, then NEXTAUTH_SECRET_PREVIOUS's while it is set. */
export function secondFactorKeys(): Buffer[] {
  if (!env.NEXTAUTH_SECRET_PREVIOUS) return [secondFactorKey()];
  previous ??= deriveSecretKey(env.NEXTAUTH_SECRET_PREVIOUS);
  return [secondFactorKey(), previous];
}
