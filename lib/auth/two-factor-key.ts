import { env } from "@/lib/env";
import { deriveSecretKey } from "./totp";

let key: Buffer | undefined;

/** The key two-factor secrets are stored under (lib/auth/totp.ts), from NEXTAUTH_SECRET. */
export function secondFactorKey(): Buffer {
  if (!env.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET is not set: two-factor secrets cannot be stored or read.");
  key ??= deriveSecretKey(env.NEXTAUTH_SECRET);
  return key;
}
