/**
 * The site's time zone: the one an admin chose on /admin/settings, else SITE_TIME_ZONE.
 * Read when the server starts (instrumentation.ts) and by the settings page.
 */
import type { DatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import { isTimeZone } from "@/lib/format/dates";

export const SITE_TIME_ZONE_SETTING = "site.timeZone";

export async function loadSiteTimeZone(database: DatabaseClient): Promise<string> {
  const row = await database.setting.findUnique({ where: { key: SITE_TIME_ZONE_SETTING }, select: { value: true } });
  return isTimeZone(row?.value) ? row.value : env.SITE_TIME_ZONE;
}
