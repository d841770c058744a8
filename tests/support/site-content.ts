/**
 * A small but complete site for the export and backup round trips: the demo archive (its
 * media files written under QUIRE_DATA_DIR, so set that before importing this module), and
 * one of everything else: staff with a password, a second factor and recovery codes, a
 * subscriber with consent and topics, an erased address, a redirect, an event with a
 * speaker and a registration, a setting, a page with a child page, and a publication whose
 * text holds "]]>" (with keywords).
 * Returns the credentials that must never leave the site in an export.
 */
import { createHash } from "node:crypto";
import { createStaffAccount } from "@/lib/auth/accounts";
import type { DatabaseClient } from "@/lib/db-client";
import { seedDemoArchive } from "@/scripts/demo/seed-database";

export type SiteSecrets = { passwordHash: string; twoFactorSecret: string; recoveryCodeHash: string };

export const TRICKY_TITLE = 'Arrays like a[b[0]]> and "quotes" & <tags>: ]]> inside';

export async function seedSiteContent(database: DatabaseClient, databaseUrl: string): Promise<SiteSecrets> {
  await seedDemoArchive(databaseUrl, { count: 40 });
  const staff = await createStaffAccount(database, {
    email: "editor-with-secrets@example.org",
    name: "Editor With Secrets",
    role: "EDITOR",
    password: "a-perfectly-good-staff-password",
  });
  const twoFactorSecret = "v1.SECRETIV0000.SECRET-CIPHERTEXT-MARKER-7f3a9.SECRETTAG000";
  const recoveryCodeHash = createHash("sha256").update("recovery-code-marker-51c2").digest("hex");
  await database.twoFactor.create({ data: { userId: staff.id, secret: twoFactorSecret, enabledAt: new Date() } });
  await database.recoveryCode.create({ data: { userId: staff.id, codeHash: recoveryCodeHash } });
  const { passwordHash } = await database.user.findUniqueOrThrow({
    where: { id: staff.id },
    select: { passwordHash: true },
  });

  const topic = await database.category.findFirstOrThrow({ orderBy: { id: "asc" } });
  await database.subscriber.create({
    data: {
      email: "reader@example.org",
      firstName: "Ree",
      status: "CONFIRMED",
      consentAt: new Date("2026-01-02T03:04:05Z"),
      consentIp: "192.0.2.7",
      consentVersion: "signup-v1",
      confirmedAt: new Date("2026-01-02T03:05:00Z"),
      topics: { create: [{ categoryId: topic.id }] },
      events: { create: [{ type: "signup", details: { ip: "192.0.2.7" } }] },
    },
  });
  await database.suppression.create({
    data: { emailHash: createHash("sha256").update("gone@example.org").digest("hex") },
  });
  await database.redirect.create({ data: { fromPath: "/2023/12/01/old-post/", toPath: "/publications/old-post" } });
  await database.setting.create({
    data: { key: "mail.from", value: { name: "Institute", address: "news@example.org" } },
  });

  const type = await database.publicationType.findFirstOrThrow({ orderBy: { id: "asc" } });
  const author = await database.author.findFirstOrThrow({ orderBy: { id: "asc" } });
  const tricky = await database.publication.create({
    data: {
      slug: "tricky-text",
      title: TRICKY_TITLE,
      summary: "A summary with ]]> and a tab\there",
      bodyJson: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x ]]> y" }] }] },
      bodyHtml: "<p>x ]]&gt; y, and a literal ]]> too</p>\n<p>second line with a backslash \\ and unicode 한국어</p>",
      status: "PUBLISHED",
      publishedAt: new Date("2026-03-04T15:05:09.123Z"),
      typeId: type.id,
      createdById: staff.id,
      authors: { create: [{ authorId: author.id, position: 0 }] },
      categories: { create: [{ categoryId: topic.id }] },
    },
  });
  await database.eventDetails.create({
    data: {
      publicationId: tricky.id,
      startsAt: new Date("2026-05-01T14:00:00Z"),
      endsAt: new Date("2026-05-01T15:30:00Z"),
      timeZone: "America/New_York",
      venueName: "The Institute",
      registrationMode: "BUILT_IN",
      capacity: 50,
      speakers: {
        create: [
          { position: 0, authorId: author.id },
          { position: 1, role: "MODERATOR", name: "Outside Speaker", affiliation: "Elsewhere" },
        ],
      },
      registrations: {
        create: [
          {
            email: "guest@example.org",
            name: "A Guest",
            status: "CONFIRMED",
            consentAt: new Date("2026-04-01T00:00:00Z"),
            consentIp: "198.51.100.2",
          },
        ],
      },
    },
  });
  const about = await database.page.create({
    data: {
      path: "about",
      slug: "about",
      title: "About the Institute",
      bodyJson: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Who we are." }] }] },
      bodyHtml: "<p>Who we are.</p>",
      status: "PUBLISHED",
      publishedAt: new Date("2025-01-01T00:00:00Z"),
    },
  });
  await database.page.create({
    data: {
      path: "about/staff",
      slug: "staff",
      parentId: about.id,
      title: "Our Staff",
      bodyJson: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "The team." }] }] },
      bodyHtml: "<p>The team.</p>",
      status: "PUBLISHED",
      publishedAt: new Date("2025-01-02T00:00:00Z"),
      menuOrder: 1,
    },
  });
  await database.publication.update({
    where: { id: tricky.id },
    data: { keywords: ["sanctions", "Korean Peninsula"] },
  });
  return { passwordHash, twoFactorSecret, recoveryCodeHash };
}
