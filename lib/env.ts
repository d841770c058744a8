/**
 * The environment, validated once when the server boots. Import `env` from here rather
 * than reading process.env elsewhere, so every setting is checked and documented in one
 * place (README, "Environment variables").
 */
import { z } from "zod";
import { parseByteSize } from "./byte-size.mjs";

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), "must be a postgres:// or postgresql:// URL");

/** A DNS name such as images.example.org (no scheme, port, path or wildcard). */
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

const serverEnvironmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: postgresUrl,
  /** Public address of the site, used in links, feeds and emails. */
  SITE_URL: z.url().default("http://localhost:3000"),
  SITE_NAME: z.string().trim().min(1).default("Quire Institute"),
  /** The IANA zone dates are shown in (e.g. America/New_York); an admin can change it on /admin/settings. */
  SITE_TIME_ZONE: z
    .string()
    .trim()
    .default("UTC")
    .refine((zone) => {
      try {
        return Boolean(new Intl.DateTimeFormat("en-US", { timeZone: zone }));
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as America/New_York"),
  /** Signs session cookies; the start command generates one into .data/ when unset. */
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /**
   * The secret in use before NEXTAUTH_SECRET was rotated: links already sent (unsubscribe,
   * preferences, confirmation, preview) still verify with it; nothing new is signed with it.
   */
  NEXTAUTH_SECRET_PREVIOUS: z.string().min(32, "must be at least 32 characters").optional(),
  /** smtp(s)://user:pass@host:port; without it mail goes to the outbox in .data/outbox. */
  SMTP_URL: z
    .string()
    .trim()
    .refine((value) => /^smtps?:\/\//.test(value), "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().trim().default("Quire Institute <no-reply@localhost>"),
  /**
   * Hosts publication bodies may show images from, besides the media library (/media/…):
   * hostnames separated by commas or spaces, e.g. "images.example.org, cdn.example.net".
   * Any other image address is refused when a body is saved (it would tell that host who reads what).
   */
  CONTENT_IMAGE_HOSTS: z
    .string()
    .transform((value, context) => {
      const hosts = value
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((host) => host.toLowerCase());
      const invalid = hosts.filter((host) => !HOSTNAME.test(host));
      if (invalid.length > 0)
        context.addIssue({ code: "custom", message: `not a hostname: ${invalid.slice(0, 3).join(", ")}` });
      return [...new Set(hosts)];
    })
    .default([]),
  /**
   * Tests only: lets the WordPress import fetch media from an old site on 127.0.0.1 or ::1
   * (lib/http/safe-fetch.ts refuses loopback, private and link-local addresses). Off by default.
   */
  IMPORT_FETCH_ALLOW_LOOPBACK: z.enum(["on", "off"]).default("off"),
  /** "off" on extra web servers that should serve pages but not run background jobs. */
  QUIRE_WORKERS: z.enum(["on", "off"]).default("on"),
  /**
   * How the server finds the client's address (lib/http/client-address.ts): the number of
   * reverse proxies in front of it, or their addresses and CIDR ranges (comma-separated;
   * "loopback", "private" and "linklocal" name the usual ranges). Neither: the socket's peer.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(20).default(0),
  TRUSTED_PROXIES: z.string().trim().optional(),
  /** On SIGTERM or SIGINT: how long the server lets requests and running jobs finish before it exits. */
  QUIRE_SHUTDOWN_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  /**
   * Memory the page cache may hold (lib/cache/memory-cache-handler.mjs reads it): bytes, or
   * with a unit, "256MB" (binary units: KB, MB, GB). Unset: 256 MB.
   */
  PAGE_CACHE_MAX_BYTES: z
    .string()
    .refine((value) => parseByteSize(value) !== null, 'must be a size in bytes, such as 268435456 or "256MB"')
    .optional(),
  /**
   * Where rate limits and sign-in lockouts count (lib/http/rate-limit.ts): this process's
   * memory, or the database's RateLimit table, shared by every server.
   */
  RATE_LIMIT_STORE: z.enum(["memory", "postgres"]).default("memory"),
  /**
   * S3-compatible media storage (AWS S3, MinIO, R2…), all five together or none; without
   * them media live on local disk under QUIRE_DATA_DIR/media. Path-style addressing:
   * objects are at S3_ENDPOINT/S3_BUCKET/key.
   */
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_BUCKET: z.string().trim().min(1).optional(),
  S3_REGION: z.string().trim().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /**
   * Encrypts backups (npm run backup --encrypt, and every scheduled backup) with AES-256-GCM;
   * restoring an encrypted backup needs it too.
   */
  QUIRE_BACKUP_PASSPHRASE: z.string().min(12, "must be at least 12 characters").optional(),
});

const S3_VARIABLES = ["S3_ENDPOINT", "S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

const environmentSchema = serverEnvironmentSchema.superRefine((value, context) => {
  if (value.NEXTAUTH_SECRET_PREVIOUS !== undefined && value.NEXTAUTH_SECRET === undefined)
    context.addIssue({
      code: "custom",
      path: ["NEXTAUTH_SECRET_PREVIOUS"],
      message: "set NEXTAUTH_SECRET (the new secret) too",
    });
  if (value.NEXTAUTH_SECRET_PREVIOUS !== undefined && value.NEXTAUTH_SECRET_PREVIOUS === value.NEXTAUTH_SECRET)
    context.addIssue({
      code: "custom",
      path: ["NEXTAUTH_SECRET_PREVIOUS"],
      message: "is the same as NEXTAUTH_SECRET: set it to the secret used before the rotation",
    });
  if (value.TRUSTED_PROXY_HOPS > 0 && value.TRUSTED_PROXIES) {
    context.addIssue({
      code: "custom",
      path: ["TRUSTED_PROXIES"],
      message: "set TRUSTED_PROXY_HOPS or TRUSTED_PROXIES, not both",
    });
  }
  const missing = S3_VARIABLES.filter((name) => value[name] === undefined);
  if (missing.length > 0 && missing.length < S3_VARIABLES.length) {
    for (const name of missing)
      context.addIssue({
        code: "custom",
        path: [name],
        message: "required when any S3_ variable is set (set all five or none)",
      });
  }
});

export type ServerEnvironment = z.infer<typeof environmentSchema>;

export class EnvironmentError extends Error {}

/** Parses an environment, reporting every problem at once, one per line. */
export function parseEnvironment(source: Record<string, string | undefined>): ServerEnvironment {
  // Treat empty strings as unset, as shells and .env files commonly produce them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = environmentSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvironmentError(`Invalid environment:\n${problems.join("\n")}\nSee README, "Environment variables".`);
  }
  return result.data;
}

export const env = parseEnvironment(process.env);
