import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
const ARGON2ID_ALGORITHM = 2;

/** OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane). */
const ARGON2ID = { algorithm: ARGON2ID_ALGORITHM, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed hash never verifies
  }
}

/** A password for a new account when none was given: 24 characters, ~143 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * What an invited account holds until its owner sets a password: not an argon2 hash, so
 * no password ever verifies against it, and random, so password links bound to it differ.
 */
export function unusablePasswordHash(): string {
  return `!unset:${randomBytes(24).toString("base64url")}`;
}
