import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { loadMailSettings } from "@/lib/mail/settings";
import type { DigestDraft } from "./digest-admin";

export const site = () => ({ siteName: env.SITE_NAME, siteUrl: env.SITE_URL });

export const currentMailSettings = () => loadMailSettings(db, env.MAIL_FROM);

export function findDigest(id: number): Promise<DigestDraft | null> {
  return db.digest.findUnique({
    where: { id },
    select: {
      id: true,
      subject: true,
      intro: true,
      publicationIds: true,
      periodStart: true,
      periodEnd: true,
      status: true,
    },
  });
}
