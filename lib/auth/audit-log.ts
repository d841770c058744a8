/**
 * The audit log: what staff changed and what personal data they read (each domain writes
 * its own entries, in the same transaction as the change), and what happened at sign-in.
 * Admins read it on /admin/audit; it keeps entries for the retention an admin sets on
 * /admin/settings (a daily job prunes older ones: lib/auth/jobs.ts).
 *
 * Sign-in failures and reset requests that name no account are counted per hour
 * (AnonymousAuthEvent) rather than logged one by one: anyone on the internet can cause them.
 */
import type { DatabaseClient } from "@/lib/db-client";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalidInput, type Result } from "@/lib/result";
import {
  AUDIT_PAGE_SIZE,
  auditRetentionSchema,
  DEFAULT_AUDIT_RETENTION_DAYS,
  MAX_AUDIT_RETENTION_DAYS,
  MIN_AUDIT_RETENTION_DAYS,
  type AuditQuery,
} from "@/lib/validations/audit";

export const AUDIT_RETENTION_SETTING = "audit.retentionDays";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Records what `actorId` did where no domain transaction does it: a read of personal data
 * (a page of subscribers, a message, the audit log; actions named "….view" or
 * "….list_view") or a credential handed out (a preview link).
 */
export async function recordAuditEntry(
  database: DatabaseClient,
  actorId: number,
  entry: { action: string; entityType: string; entityId?: string | number | null; details?: Prisma.InputJsonObject },
): Promise<void> {
  await database.auditLog.create({
    data: {
      actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      details: entry.details ?? {},
    },
  });
}

export const ANONYMOUS_AUTH_EVENTS = {
  "sign_in.unknown_email": "Sign-in with an email that has no account",
  "sign_in.invalid": "Sign-in with a malformed form",
  "sign_in.rate_limited": "Sign-in refused: the client was held by a lockout",
  "password_reset.unknown_email": "Password reset asked for an email that has no account",
} as const;

export type AnonymousAuthEventName = keyof typeof ANONYMOUS_AUTH_EVENTS;

/** Counts an event that names no account, in its hour. */
export async function countAnonymousAuthEvent(
  database: DatabaseClient,
  event: AnonymousAuthEventName,
  now = new Date(),
): Promise<void> {
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  await database.$executeRaw`
    INSERT INTO "AnonymousAuthEvent" (hour, event, count) VALUES (${hour}, ${event}, 1)
    ON CONFLICT (hour, event) DO UPDATE SET count = "AnonymousAuthEvent".count + 1`;
}

function whereOf(query: AuditQuery): Prisma.AuditLogWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (query.from) createdAt.gte = new Date(`${query.from}T00:00:00Z`);
  if (query.to) createdAt.lt = new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS);
  return {
    ...(query.actor !== undefined && { actorId: query.actor }),
    ...(query.action &&
      (query.action.endsWith(".") ? { action: { startsWith: query.action } } : { action: query.action })),
    ...((query.from || query.to) && { createdAt }),
  };
}

export type AuditEntry = {
  id: number;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Prisma.JsonValue;
  createdAt: Date;
  actor: { id: number; name: string; email: string } | null;
};

export type AuditPage = { rows: AuditEntry[]; total: number; page: number; pageCount: number };

/** One page of entries matching `query`, newest first. */
export async function listAuditEntries(database: DatabaseClient, query: AuditQuery): Promise<AuditPage> {
  const where = whereOf(query);
  const total = await database.auditLog.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const rows = await database.auditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      details: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  return { rows, total, page, pageCount };
}

/** What the filters offer: every staff account (disabled ones too) and every action the log holds. */
export async function auditFilterChoices(database: DatabaseClient) {
  const [people, actions] = await Promise.all([
    database.user.findMany({
      orderBy: [{ name: "asc" }, { email: "asc" }],
      select: { id: true, name: true, email: true },
    }),
    database.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ]);
  const families = [...new Set(actions.map((row) => `${row.action.split(".")[0]}.`))];
  return { people, actions: actions.map((row) => row.action), families };
}

/** Events that named no account, per day (UTC) and event, over the last `days` days. */
export async function anonymousAuthEventsByDay(database: DatabaseClient, days = 14, now = new Date()) {
  return database.$queryRaw<Array<{ day: Date; event: AnonymousAuthEventName; count: number }>>`
    SELECT date_trunc('day', hour) AS day, event, sum(count)::int AS count
      FROM "AnonymousAuthEvent"
     WHERE hour >= ${new Date(now.getTime() - days * DAY_MS)}
     GROUP BY 1, 2
     ORDER BY 1 DESC, 2`;
}

/** The retention an admin chose, or the default. */
export async function loadAuditRetentionDays(database: Pick<DatabaseClient, "setting">): Promise<number> {
  const row = await database.setting.findUnique({ where: { key: AUDIT_RETENTION_SETTING } });
  const stored = auditRetentionSchema.shape.retentionDays.safeParse(row?.value);
  return stored.success ? stored.data : DEFAULT_AUDIT_RETENTION_DAYS;
}

/** The retention form on /admin/settings: validated, stored, and recorded in the same transaction. */
export async function saveAuditRetention(database: DatabaseClient, raw: unknown, actorId: number): Promise<Result> {
  const parsed = auditRetentionSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { retentionDays } = parsed.data;
  const before = await loadAuditRetentionDays(database);
  await database.$transaction([
    database.setting.upsert({
      where: { key: AUDIT_RETENTION_SETTING },
      create: { key: AUDIT_RETENTION_SETTING, value: retentionDays },
      update: { value: retentionDays },
    }),
    database.auditLog.create({
      data: {
        actorId,
        action: "settings.audit_retention_update",
        entityType: "Setting",
        entityId: AUDIT_RETENTION_SETTING,
        details: { from: before, to: retentionDays },
      },
    }),
  ]);
  return { ok: true, message: `The audit log keeps ${retentionDays} days.` };
}

export type PruneReport = { auditEntries: number; anonymousEventHours: number; revokedSessions: number };

/**
 * The daily retention run: audit entries and anonymous event counts older than the retention,
 * and signed-out sessions whose JWT has expired since, are deleted.
 */
export async function pruneAuditLog(database: DatabaseClient, now = new Date()): Promise<PruneReport> {
  const days = Math.min(
    MAX_AUDIT_RETENTION_DAYS,
    Math.max(MIN_AUDIT_RETENTION_DAYS, await loadAuditRetentionDays(database)),
  );
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const [auditEntries, anonymousEventHours, revokedSessions] = await database.$transaction([
    database.auditLog.deleteMany({ where: { createdAt: { lt: cutoff } } }),
    database.anonymousAuthEvent.deleteMany({ where: { hour: { lt: cutoff } } }),
    database.revokedSession.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
  return {
    auditEntries: auditEntries.count,
    anonymousEventHours: anonymousEventHours.count,
    revokedSessions: revokedSessions.count,
  };
}
