/**
 * What staff do with digests (the actions in lib/actions/digests call these): compose a
 * draft, pick publications, preview for a sample subscriber, send a test, send for real.
 * A draft's mode is kept in its window: "new since the last digest" drafts carry a
 * periodStart, hand-picked ones none (and their picks in publicationIds).
 */
import type { DatabaseClient } from "@/lib/db-client";
import { refuse, invalidInput, type Result } from "@/lib/result";
import type { MailSettings } from "@/lib/mail/settings";
import { escapeLikePattern } from "@/lib/data/admin-publications";
import { publicSql, publicWhere } from "@/lib/data/visibility";
import type { Mailer, OutgoingMail } from "@/lib/mail/transport";
import { digestDraftSchema, digestPickSchema, type DigestMode } from "@/lib/validations/digest";
import { digestFor, loadDigestItems, type MailRecipient, type SiteIdentity } from "./content";
import { digestWindow, startDigest } from "./digests";

const MAX_PICKS = 30;

export type DigestDraft = {
  id: number;
  subject: string;
  intro: string;
  publicationIds: number[];
  periodStart: Date | null;
  periodEnd: Date | null;
  status: string;
};

export function digestMode(digest: Pick<DigestDraft, "publicationIds" | "periodStart">): DigestMode {
  return digest.publicationIds.length > 0 || digest.periodStart === null ? "picked" : "new";
}

export async function createDigestDraft(
  database: DatabaseClient,
  raw: unknown,
  actorId: number,
): Promise<Result<{ message: string; id: number }>> {
  const parsed = digestDraftSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { subject, intro, mode } = parsed.data;
  const window = mode === "new" ? await digestWindow(database, new Date()) : { periodStart: null, periodEnd: null };
  const digest = await database.$transaction(async (tx) => {
    const created = await tx.digest.create({
      data: { subject, intro, createdById: actorId, periodStart: window.periodStart },
      select: { id: true },
    });
    await tx.auditLog.create({
      data: { actorId, action: "digest.create", entityType: "Digest", entityId: String(created.id), details: { mode } },
    });
    return created;
  });
  return { ok: true, message: "Digest created.", id: digest.id };
}

export async function updateDigestDraft(
  database: DatabaseClient,
  digestId: number,
  raw: unknown,
  actorId: number,
): Promise<Result> {
  const parsed = digestDraftSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { subject, intro, mode } = parsed.data;
  const window = mode === "new" ? await digestWindow(database, new Date(), digestId) : { periodStart: null };
  const changed = await database.$transaction(async (tx) => {
    const updated = await tx.digest.updateMany({
      where: { id: digestId, status: "DRAFT" },
      data: { subject, intro, periodStart: window.periodStart, ...(mode === "new" && { publicationIds: [] }) },
    });
    if (updated.count === 1)
      await tx.auditLog.create({
        data: {
          actorId,
          action: "digest.update",
          entityType: "Digest",
          entityId: String(digestId),
          details: { subject, mode },
        },
      });
    return updated.count === 1;
  });
  return changed
    ? { ok: true, message: "Digest saved." }
    : { ok: false, status: 409, message: "Only a draft can be changed." };
}

/** Adds or removes one hand-picked publication (published ones only) of a draft. */
export async function changeDigestPick(database: DatabaseClient, raw: unknown, actorId: number): Promise<Result> {
  const parsed = digestPickSchema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { digestId, publicationId, change } = parsed.data;
  const digest = await database.digest.findUnique({ where: { id: digestId } });
  if (!digest) return { ok: false, status: 404, message: "This digest does not exist." };
  if (digest.status !== "DRAFT") return { ok: false, status: 409, message: "Only a draft can be changed." };
  let picks = digest.publicationIds.filter((id) => id !== publicationId);
  if (change === "add") {
    const publication = await database.publication.findFirst({
      where: { id: publicationId, ...publicWhere() },
      select: { id: true },
    });
    if (!publication) return refuse(400, "Only published publications can go in a digest.");
    if (picks.length >= MAX_PICKS) return refuse(400, `A digest holds at most ${MAX_PICKS} publications.`);
    picks = [...picks, publicationId];
  }
  await database.$transaction([
    database.digest.update({ where: { id: digestId }, data: { publicationIds: picks, periodStart: null } }),
    database.auditLog.create({
      data: {
        actorId,
        action: change === "add" ? "digest.pick_add" : "digest.pick_remove",
        entityType: "Digest",
        entityId: String(digestId),
        details: { publicationId },
      },
    }),
  ]);
  return { ok: true, message: change === "add" ? "Added." : "Removed." };
}

/** Published publications whose title contains `query`, newest first, for picking. */
export function searchPublicationsToPick(database: DatabaseClient, query: string) {
  if (!query) return Promise.resolve([]);
  return database.$queryRaw<Array<{ id: number; title: string; publishedAt: Date }>>`
    SELECT p.id, p.title, p."publishedAt" FROM "Publication" p
     WHERE ${publicSql("p")} AND p.title ILIKE ${`%${escapeLikePattern(query)}%`} ESCAPE '\\'
     ORDER BY p."publishedAt" DESC, p.id DESC LIMIT 20`;
}

/** A confirmed weekly subscriber whose topics the preview uses: the one asked for, else the first. */
export async function previewRecipient(database: DatabaseClient, email?: string): Promise<MailRecipient | null> {
  const row = await database.subscriber.findFirst({
    where: { status: "CONFIRMED", ...(email ? { email: email.toLowerCase() } : { frequency: "WEEKLY" }) },
    orderBy: { id: "asc" },
    select: {
      id: true,
      email: true,
      firstName: true,
      lastName: true,
      createdAt: true,
      topics: { select: { categoryId: true } },
    },
  });
  return row && { ...row, topicIds: row.topics.map((topic) => topic.categoryId) };
}

/** The window a draft would cover if sent now (sending fixes it). */
export async function previewWindow(database: DatabaseClient, digest: DigestDraft) {
  if (digest.status !== "DRAFT" || digestMode(digest) === "picked") return digest;
  return { ...digest, ...(await digestWindow(database, new Date(), digest.id)) };
}

export type DigestPreview = { mail: OutgoingMail | null; itemCount: number };

/**
 * The management links of mail staff look at (the preview, a test): they lead to the
 * signup page and carry no token, since a subscriber's link acts for that subscriber.
 */
function linksForStaff(siteUrl: string) {
  const placeholder = new URL("/subscribe", siteUrl).toString();
  return { preferences: placeholder, unsubscribe: placeholder, oneClickUnsubscribe: placeholder };
}

/**
 * The digest as `recipient` would receive it (null mail: nothing in their topics), except
 * for their management links, whose tokens are not for staff to see (linksForStaff).
 */
export async function renderDigestPreview(
  database: DatabaseClient,
  digest: DigestDraft,
  recipient: MailRecipient,
  site: SiteIdentity,
  settings: MailSettings,
): Promise<DigestPreview> {
  const items = await loadDigestItems(database, await previewWindow(database, digest));
  return {
    mail: digestFor(digest, items, recipient, site, settings, linksForStaff(site.siteUrl)),
    itemCount: items.length,
  };
}

/**
 * "Send test to me": the sample subscriber's digest to the signed-in staff address. Its
 * management links lead nowhere in particular (no token), so pressing them in the test
 * changes nobody's subscription.
 */
export async function sendTestDigest(
  database: DatabaseClient,
  digest: DigestDraft,
  context: {
    staff: { id: number; email: string; name: string };
    sample: MailRecipient | null;
    site: SiteIdentity;
    settings: MailSettings;
    mailer: Mailer;
    allTopicIds: number[];
  },
): Promise<Result> {
  const recipient: MailRecipient = context.sample ?? {
    id: 0,
    email: context.staff.email,
    firstName: "",
    lastName: "",
    createdAt: new Date(),
    topicIds: context.allTopicIds,
  };
  const items = await loadDigestItems(database, await previewWindow(database, digest));
  const mail = digestFor(digest, items, recipient, context.site, context.settings, linksForStaff(context.site.siteUrl));
  if (!mail)
    return refuse(400, "The sample subscriber's topics have nothing in this digest, so there is nothing to send.");
  try {
    await context.mailer.send({
      ...mail,
      to: { name: context.staff.name, address: context.staff.email },
      subject: `[Test] ${mail.subject}`,
    });
  } catch (error) {
    console.error("Sending a test digest failed:", error);
    return {
      ok: false,
      status: 503,
      message: "The test email could not be sent. Check the mail settings and try again.",
    };
  }
  await database.auditLog.create({
    data: {
      actorId: context.staff.id,
      action: "digest.test_send",
      entityType: "Digest",
      entityId: String(digest.id),
      details: { to: context.staff.email, sampleSubscriberId: context.sample?.id ?? null },
    },
  });
  return { ok: true, message: `Test sent to ${context.staff.email}.` };
}

/** "Send": fixes the window and starts sending (the caller queues the fan-out job). */
export async function beginDigestSend(database: DatabaseClient, digest: DigestDraft, actorId: number): Promise<Result> {
  if (digestMode(digest) === "picked" && digest.publicationIds.length === 0)
    return refuse(400, "Pick at least one publication first.");
  const started = await startDigest(database, digest.id, { actorId });
  if (!started.ok) return refuse(409, started.message);
  return { ok: true, message: "Sending has started." };
}
