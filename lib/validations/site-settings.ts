import { z } from "zod";
import { isTimeZone } from "@/lib/format/dates";

/** The site's time zone on /admin/settings: an IANA name such as America/New_York. */
export const siteTimeZoneSchema = z.object({
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, "Enter a time zone such as America/New_York, Europe/London or Asia/Seoul."),
});
