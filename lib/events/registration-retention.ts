/**
 * How long registrants' data is kept: a number of days after the event ends, set by an
 * admin on /admin/settings; a daily job deletes the registrations of events that ended
 * longer ago than that (their emails go with them: EventMail cascades).
 */
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { DatabaseClient } from "@/lib/db-client";
import { defineJob } from "@/lib/jobs/definition";
import { invalidInput, type Result } from "@/lib/result";
import { DEFAULT_REGISTRATION_RETENTION_DAYS, registrationRetentionSchema } from "@/lib/validations/event-registration";
import { log } from "@/lib/log";

export const REGISTRATION_RETENTION_SETTING = "events.registrationRetentionDays";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The retention an admin chose, or the default. */
export async function loadRegistrationRetentionDays(database: Pick<DatabaseClient, "setting">): Promise<number> {
  const row = await database.setting.findUnique({ where: { key: REGISTRATION_RETENTION_SETTING } });
  const stored = registrationRetentionSchema.shape.retentionDays.safeParse(row?.value);
  return stored.success ? stored.data : DEFAULT_REGISTRATION_RETENTION_DAYS;
}

/** The retention form on /admin/settings: validated, stored, and recorded in the same transaction. */
export async function saveRegistrationRetention(
  database: DatabaseClient,
  raw: unknown,
  actorId: number,
): Promise<Result> {
  const parsed = registrationRetentionSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { retentionDays } = parsed.data;
  const before = await loadRegistrationRetentionDays(database);
  await database.$transaction([
    database.setting.upsert({
      where: { key: REGISTRATION_RETENTION_SETTING },
      create: { key: REGISTRATION_RETENTION_SETTING, value: retentionDays },
      update: { value: retentionDays },
    }),
    database.auditLog.create({
      data: {
        actorId,
        action: "settings.registration_retention_update",
        entityType: "Setting",
        entityId: REGISTRATION_RETENTION_SETTING,
        details: { from: before, to: retentionDays },
      },
    }),
  ]);
  return { ok: true, message: `Registrations are kept ${retentionDays} days after their event.` };
}

/** Deletes the registrations of events that ended more than the retention ago; how many. */
export async function pruneRegistrations(database: DatabaseClient, now = new Date()): Promise<number> {
  const days = await loadRegistrationRetentionDays(database);
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return database.$executeRaw`
    DELETE FROM "EventRegistration" r USING "EventDetails" e
     WHERE e."publicationId" = r."eventId" AND e."endsAt" < ${cutoff}`;
}

export const registrationRetentionJob = defineJob({
  name: "events.registration-retention",
  payload: z.object({}),
  retryLimit: 3,
  retryDelaySeconds: 300,
  cron: "47 3 * * *",
  async run() {
    const pruned = await pruneRegistrations(db);
    if (pruned > 0) log.info({ job: "events.registration-retention", pruned }, `${pruned} registrations removed`);
  },
});
