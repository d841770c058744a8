/** Saves the mail settings form (validated) to the Setting table, with an audit entry. */
import type { DatabaseClient } from "@/lib/db-client";
import { invalidInput, type Result } from "@/lib/result";
import { mailSettingsSchema } from "@/lib/validations/mail-settings";
import { MAIL_SETTING_KEYS } from "./settings";

export async function saveMailSettings(
  database: DatabaseClient,
  raw: unknown,
  actorId: number | null,
): Promise<Result> {
  const parsed = mailSettingsSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  const values = {
    [MAIL_SETTING_KEYS.from]: { name: input.fromName, address: input.fromAddress },
    [MAIL_SETTING_KEYS.replyTo]: input.replyToAddress
      ? { name: input.replyToName, address: input.replyToAddress }
      : null,
    [MAIL_SETTING_KEYS.blockedDomains]: input.blockedDomains,
    [MAIL_SETTING_KEYS.sendRate]: input.sendRatePerSecond,
    [MAIL_SETTING_KEYS.signupMailsPerHour]: input.signupMailsPerHour,
  };
  await database.$transaction([
    ...Object.entries(values).map(([key, value]) =>
      value === null
        ? database.setting.deleteMany({ where: { key } })
        : database.setting.upsert({ where: { key }, create: { key, value }, update: { value } }),
    ),
    database.auditLog.create({
      data: {
        actorId,
        action: "settings.mail_update",
        entityType: "Setting",
        entityId: "mail",
        details: {
          from: input.fromAddress,
          replyTo: input.replyToAddress,
          blockedDomains: input.blockedDomains.length,
          sendRatePerSecond: input.sendRatePerSecond,
          signupMailsPerHour: input.signupMailsPerHour,
        },
      },
    }),
  ]);
  return { ok: true, message: "Mail settings saved." };
}
