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
  /** "off" renders every search results page for whoever asks (benchmarks of the uncached page); see lib/search/requests.ts. */
  SEARCH_RESULT_CACHE: z.enum(["on", "off"]).default("on"),
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
   * Where rate limits, sign-in lockouts and the bulk mail pace count (lib/http/rate-limit.ts):
   * this process's memory, or shared by every server: the database's RateLimit table, or
   * Redis (REDIS_URL).
   */
  RATE_LIMIT_STORE: z.enum(["memory", "postgres", "redis"]).default("memory"),
  /**
   * redis://[user:password@]host:port[/db] (rediss:// for TLS): the page cache lives there,
   * shared by every app server (lib/cache/redis-cache-handler.mjs), and RATE_LIMIT_STORE=redis
   * counts there, and /api/health's details report whether it answers. Unset: each process
   * caches in its own memory.
   */
  REDIS_URL: z
    .string()
    .trim()
    .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), "must be a redis:// or rediss:// URL")
    .optional(),
  /**
   * The front cache's purge address (Varnish: deploy/varnish/default.vcl): every cache tag
   * the app drops is then purged there, with FRONT_CACHE_PURGE_TOKEN in X-Purge-Token.
   * Both together or neither.
   */
  FRONT_CACHE_PURGE_URL: z.url({ protocol: /^https?$/ }).optional(),
  FRONT_CACHE_PURGE_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{24,200}$/, "must be 24 or more letters, digits, - or _")
    .optional(),
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
   * A bucket that every backup is also copied to, off this machine (lib/backup/offsite.ts).
   * It is reached with the BACKUP_S3_ endpoint, region and keys, each falling back to its
   * S3_ counterpart when unset: a site whose media live on disk sets its own; one with
   * media in S3 may share that account.
   */
  BACKUP_S3_BUCKET: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3–63 lower-case letters, digits, . or -)")
    .optional(),
  BACKUP_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  BACKUP_S3_REGION: z.string().trim().min(1).optional(),
  BACKUP_S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  BACKUP_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /**
   * Readers of /media/… are redirected here instead of the server streaming each file: the
   * public address of the bucket or of a CDN in front of it, under which each object sits at
   * its storage key (MEDIA_PUBLIC_URL/uploads/<sha>.jpg). Unset: files stream through the server.
   */
  MEDIA_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .refine((value) => !/[?#]/.test(value), "must not have a query or fragment")
    .transform((value) => value.replace(/\/+$/, ""))
    .optional(),
  /**
   * For a private bucket: readers of /media/… are redirected to a presigned URL valid this
   * many seconds (60 to 86400; 300 is a good start). Needs the S3_ variables.
   */
  MEDIA_SIGNED_URL_SECONDS: z.coerce.number().int().min(60).max(86_400).optional(),
  /**
   * Shows /api/health's details (database, Redis, job queue) to requests carrying it as a
   * bearer token, besides requests from this machine.
   */
  HEALTH_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /** The log level of the server's JSON log lines on standard output. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /**
   * A direct connection to PostgreSQL (not through PgBouncer) for what needs a session of its
   * own: migrations and the job queue. Unset: DATABASE_URL.
   */
  DIRECT_DATABASE_URL: postgresUrl.optional(),
  /**
   * Encrypts backups (npm run backup --encrypt, and every scheduled backup) with AES-256-GCM;
   * restoring an encrypted backup needs it too.
   */
  QUIRE_BACKUP_PASSPHRASE: z.string().min(12, "must be at least 12 characters").optional(),
});

const S3_VARIABLES = ["S3_ENDPOINT", "S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;

/** The backup bucket's own settings; each falls back to the S3_ variable of the same name. */
const BACKUP_S3_SETTINGS = [
  ["BACKUP_S3_ENDPOINT", "S3_ENDPOINT"],
  ["BACKUP_S3_REGION", "S3_REGION"],
  ["BACKUP_S3_ACCESS_KEY_ID", "S3_ACCESS_KEY_ID"],
  ["BACKUP_S3_SECRET_ACCESS_KEY", "S3_SECRET_ACCESS_KEY"],
] as const;

/**
 * BACKUP_S3_BUCKET needs an endpoint, a region and keys, its own or the media's; its own
 * settings mean nothing without it, and its keys come as a pair (never one of the
 * backup account's with one of the media's).
 */
function checkBackupBucket(value: z.infer<typeof serverEnvironmentSchema>, context: z.RefinementCtx): void {
  if (value.BACKUP_S3_BUCKET === undefined) {
    for (const [name] of BACKUP_S3_SETTINGS)
      if (value[name] !== undefined)
        context.addIssue({ code: "custom", path: [name], message: "set BACKUP_S3_BUCKET too (the bucket it is for)" });
    return;
  }
  for (const [own, media] of BACKUP_S3_SETTINGS)
    if (value[own] === undefined && value[media] === undefined)
      context.addIssue({
        code: "custom",
        path: ["BACKUP_S3_BUCKET"],
        message: `needs ${own} (or the media's ${media})`,
      });
  if ((value.BACKUP_S3_ACCESS_KEY_ID === undefined) !== (value.BACKUP_S3_SECRET_ACCESS_KEY === undefined))
    context.addIssue({
      code: "custom",
      path: [value.BACKUP_S3_ACCESS_KEY_ID === undefined ? "BACKUP_S3_ACCESS_KEY_ID" : "BACKUP_S3_SECRET_ACCESS_KEY"],
      message: "set BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY together",
    });
}

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
  if (value.MEDIA_PUBLIC_URL !== undefined && value.MEDIA_SIGNED_URL_SECONDS !== undefined)
    context.addIssue({
      code: "custom",
      path: ["MEDIA_SIGNED_URL_SECONDS"],
      message: "set MEDIA_PUBLIC_URL (a public bucket or CDN) or MEDIA_SIGNED_URL_SECONDS (a private bucket), not both",
    });
  if (value.MEDIA_SIGNED_URL_SECONDS !== undefined && value.S3_BUCKET === undefined)
    context.addIssue({
      code: "custom",
      path: ["MEDIA_SIGNED_URL_SECONDS"],
      message: "needs media in S3 (the S3_ variables)",
    });
  if (value.RATE_LIMIT_STORE === "redis" && value.REDIS_URL === undefined)
    context.addIssue({ code: "custom", path: ["REDIS_URL"], message: "required when RATE_LIMIT_STORE=redis" });
  if ((value.FRONT_CACHE_PURGE_URL === undefined) !== (value.FRONT_CACHE_PURGE_TOKEN === undefined))
    context.addIssue({
      code: "custom",
      path: [value.FRONT_CACHE_PURGE_URL === undefined ? "FRONT_CACHE_PURGE_URL" : "FRONT_CACHE_PURGE_TOKEN"],
      message: "set FRONT_CACHE_PURGE_URL and FRONT_CACHE_PURGE_TOKEN together",
    });
  checkBackupBucket(value, context);
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
