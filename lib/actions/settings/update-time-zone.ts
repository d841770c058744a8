"use server";

import { authorize } from "@/lib/auth/session";
import { invalidatePublicCache } from "@/lib/cache/invalidate";
import { loadSiteTimeZone, SITE_TIME_ZONE_SETTING } from "@/lib/data/site-settings";
import { db } from "@/lib/db";
import { setSiteTimeZone } from "@/lib/format/dates";
import { invalidInput, type FormState, type Result } from "@/lib/result";
import { formFields } from "@/lib/validations/common";
import { siteTimeZoneSchema } from "@/lib/validations/site-settings";

/**
 * The site's time zone on /admin/settings (ADMIN only): stored, audited, applied to this
 * server at once (other servers on their next start), and the cached lists re-rendered.
 */
export async function updateSiteTimeZone(_previous: FormState, form: FormData): Promise<Result> {
  const access = await authorize("settings.manage");
  if (!access.ok) return access;
  const parsed = siteTimeZoneSchema.safeParse(formFields(form, ["timeZone"]));
  if (!parsed.success) return invalidInput(parsed.error);
  const { timeZone } = parsed.data;
  const before = await loadSiteTimeZone(db);
  await db.$transaction([
    db.setting.upsert({
      where: { key: SITE_TIME_ZONE_SETTING },
      create: { key: SITE_TIME_ZONE_SETTING, value: timeZone },
      update: { value: timeZone },
    }),
    db.auditLog.create({
      data: {
        actorId: access.user.id,
        action: "settings.time_zone_update",
        entityType: "Setting",
        entityId: SITE_TIME_ZONE_SETTING,
        details: { from: before, to: timeZone },
      },
    }),
  ]);
  setSiteTimeZone(timeZone);
  await invalidatePublicCache({ listings: true, taxonomy: true });
  return { ok: true, message: `Dates are now shown in ${timeZone}.` };
}
