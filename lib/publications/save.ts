/**
 * Saving a publication from the editor: validation, the optimistic lock on `version`, a
 * Revision per save, ordered author credits (new authors created by name), and a 308
 * redirect when a published publication's slug changes. Takes its database client as an
 * argument so the server actions, the autosave route and the tests share it.
 */
import "server-only";
import type { CurrentUser } from "@/lib/auth/session";
import { canEditPublication } from "@/lib/auth/permissions";
import { renderBody } from "@/lib/content/body";
import { parseBodyDocument } from "@/lib/content/schema";
import type { DatabaseClient } from "@/lib/db-client";
import { env } from "@/lib/env";
import { slugify } from "@/lib/format/slug";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invalidInput, refuse, type Refusal, type Result } from "@/lib/result";
import { EVENT_TYPE_SLUG, publicationPath, RESERVED_EVENT_SLUGS } from "@/lib/format/paths";
import { saveRequestSchema, type PublicationFields } from "@/lib/validations/publication";
import { changeOfPublication } from "./changes";
import type { Effects } from "./effects";

type Transaction = Prisma.TransactionClient;

/** What a save answers the editor, and (server side only) what must follow it. */
export type Saved = { id: number; version: number; slug: string; savedAt: string };
export type SaveResult = Result<Saved & { effects: Effects }>;

/** Who last saved a publication and when, for conflict messages and the editor's status line. */
async function lastSave(database: DatabaseClient | Transaction, publicationId: number) {
  const revision = await database.revision.findFirst({
    where: { publicationId },
    orderBy: { version: "desc" },
    select: { version: true, createdAt: true, author: { select: { name: true, email: true } } },
  });
  return revision
    ? {
        savedBy: revision.author ? revision.author.name || revision.author.email : null,
        savedAt: revision.createdAt.toISOString(),
      }
    : null;
}

/** The publication as the permission check needs it, or null when missing or in the trash. */
export async function loadForPermission(
  database: DatabaseClient | Transaction,
  id: number,
  options: { trashed?: boolean } = {},
) {
  const publication = await database.publication.findFirst({
    where: { id, deletedAt: options.trashed ? { not: null } : null },
    select: {
      id: true,
      slug: true,
      status: true,
      version: true,
      createdById: true,
      publishedAt: true,
      deletedAt: true,
      authors: { select: { author: { select: { userId: true } } } },
    },
  });
  if (!publication) return null;
  const authorUserIds = publication.authors
    .map(({ author }) => author.userId)
    .filter((userId): userId is number => userId !== null);
  return { ...publication, authorUserIds };
}

/** `reserved`: slugs this publication may not take although no other has them (an event's). */
async function uniqueSlug(
  tx: Transaction,
  base: string,
  exceptId: number | null,
  reserved: ReadonlySet<string> = new Set(),
): Promise<string> {
  for (let attempt = 1; attempt < 1000; attempt++) {
    const candidate = attempt === 1 ? base : `${base.slice(0, 190)}-${attempt}`;
    if (reserved.has(candidate)) continue;
    const taken = await tx.publication.findFirst({
      where: { slug: candidate, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: { id: true },
    });
    if (!taken) return candidate;
  }
  throw new Error("No free slug found");
}

async function uniqueAuthorSlug(tx: Transaction, name: string): Promise<string> {
  const base = slugify(name);
  for (let attempt = 1; attempt < 1000; attempt++) {
    const candidate = attempt === 1 ? base : `${base}-${attempt}`;
    if (!(await tx.author.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw new Error("No free author slug found");
}

/** Checks that every referenced row exists (and media are of the right kind); field errors otherwise. */
/** The fields' references checked (errors, or null), and whether the type is Event. */
async function checkReferences(
  tx: Transaction,
  fields: PublicationFields,
): Promise<{ errors: Record<string, string> | null; isEvent: boolean }> {
  const errors: Record<string, string> = {};
  const existingAuthorIds = fields.authors.flatMap((credit) => ("id" in credit ? [credit.id] : []));
  const [type, series, categories, authors, featured, pdf] = await Promise.all([
    tx.publicationType.findUnique({ where: { id: fields.typeId }, select: { id: true, slug: true } }),
    fields.seriesId ? tx.series.findUnique({ where: { id: fields.seriesId }, select: { id: true } }) : null,
    tx.category.count({ where: { id: { in: fields.categoryIds } } }),
    tx.author.count({ where: { id: { in: existingAuthorIds } } }),
    fields.featuredImageId
      ? tx.media.findUnique({ where: { id: fields.featuredImageId }, select: { kind: true } })
      : null,
    fields.pdfId ? tx.media.findUnique({ where: { id: fields.pdfId }, select: { kind: true } }) : null,
  ]);
  if (!type) errors.typeId = "Choose a publication type";
  if (fields.seriesId && !series) errors.seriesId = "That series no longer exists";
  if (categories !== new Set(fields.categoryIds).size) errors.categoryIds = "A chosen category no longer exists";
  if (authors !== new Set(existingAuthorIds).size) errors.authors = "A chosen author no longer exists";
  if (fields.featuredImageId && featured?.kind !== "IMAGE")
    errors.featuredImageId = "The featured image must be an image from the media library";
  if (fields.pdfId && pdf?.kind !== "PDF") errors.pdfId = "The attachment must be a PDF from the media library";
  const isEvent = type?.slug === EVENT_TYPE_SLUG;
  if (isEvent && fields.slug && RESERVED_EVENT_SLUGS.has(fields.slug))
    errors.slug = `An event cannot use the slug “${fields.slug}”: /events/${fields.slug} is another page of the site`;
  return { errors: Object.keys(errors).length > 0 ? errors : null, isEvent };
}

/** Author ids in credit order, creating authors given by name (reusing one with the same name). */
async function resolveAuthors(
  tx: Transaction,
  fields: PublicationFields,
): Promise<{ ids: number[]; created: boolean }> {
  const ids: number[] = [];
  let created = false;
  for (const credit of fields.authors) {
    if ("id" in credit) {
      ids.push(credit.id);
      continue;
    }
    const existing = await tx.author.findFirst({
      where: { name: { equals: credit.name, mode: "insensitive" } },
      select: { id: true },
    });
    if (existing) ids.push(existing.id);
    else {
      const author = await tx.author.create({
        data: { name: credit.name, slug: await uniqueAuthorSlug(tx, credit.name) },
        select: { id: true },
      });
      ids.push(author.id);
      created = true;
    }
  }
  return { ids: [...new Set(ids)], created };
}

/** Points the old address (and any older ones that led to it) at the new one. */
async function recordSlugRedirect(tx: Transaction, oldSlug: string, newSlug: string): Promise<void> {
  const from = publicationPath(oldSlug);
  const to = publicationPath(newSlug);
  await tx.redirect.deleteMany({ where: { fromPath: to } });
  await tx.redirect.updateMany({ where: { toPath: from }, data: { toPath: to } });
  await tx.redirect.upsert({
    where: { fromPath: from },
    create: { fromPath: from, toPath: to, statusCode: 308 },
    update: { toPath: to, statusCode: 308 },
  });
}

function columnsOf(
  fields: PublicationFields,
  slug: string,
  body: ReturnType<typeof renderBody> & { bodyJson: Prisma.InputJsonValue },
) {
  return {
    title: fields.title,
    slug,
    summary: fields.summary,
    bodyJson: body.bodyJson,
    bodyHtml: body.bodyHtml,
    wordCount: body.wordCount,
    typeId: fields.typeId,
    seriesId: fields.seriesId,
    featuredImageId: fields.featuredImageId,
    featuredImageCaption: fields.featuredImageCaption,
    featuredImageCredit: fields.featuredImageCredit,
    pdfId: fields.pdfId,
    publishedAt: fields.publishAt ? new Date(fields.publishAt) : null,
    seoTitle: fields.seoTitle,
    seoDescription: fields.seoDescription,
    seoImageUrl: fields.seoImageUrl,
  };
}

class ConflictAbort extends Error {}
class RefusalAbort extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/**
 * Creates (id null) or updates a publication. An update must name the version it started
 * from: if someone saved since, nothing is written and the answer is a 409 saying who.
 */
export async function savePublication(
  database: DatabaseClient,
  user: CurrentUser,
  input: unknown,
  now = new Date(),
): Promise<SaveResult> {
  const parsed = saveRequestSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, { message: "Some fields need attention.", within: "fields" });
  const { id, expectedVersion: requestedVersion, afterOwnPendingSave, fields } = parsed.data;
  let expectedVersion = requestedVersion;
  const imageHosts = { imageHosts: env.CONTENT_IMAGE_HOSTS };
  const body = parseBodyDocument(fields.bodyJson, imageHosts);
  if (!body.ok) return refuse(400, body.message, { bodyJson: body.message });
  const bodyJson = body.doc as unknown as Prisma.InputJsonValue;
  const rendered = { ...renderBody(body.doc, imageHosts), bodyJson };

  const existing = id === null ? null : await loadForPermission(database, id);
  if (id !== null && !existing) return refuse(404, "This publication does not exist or is in the trash.");
  if (existing && !canEditPublication(user, existing)) {
    return refuse(
      403,
      existing.status === "DRAFT" || existing.status === "IN_REVIEW"
        ? "You may edit only your own publications."
        : "Only editors can change a publication once it is scheduled or published.",
    );
  }
  if (existing?.status === "SCHEDULED" && fields.publishAt && new Date(fields.publishAt) <= now) {
    return refuse(400, "A scheduled publication needs a publish date in the future.", {
      publishAt: "Choose a date and time in the future, or publish now",
    });
  }

  try {
    return await database.$transaction(async (tx) => {
      const references = await checkReferences(tx, fields);
      if (references.errors) throw new RefusalAbort(refuse(400, "Some fields need attention.", references.errors));
      const requestedSlug = fields.slug || existing?.slug || slugify(fields.title);
      const slug = fields.slug
        ? fields.slug
        : await uniqueSlug(tx, requestedSlug, id, references.isEvent ? RESERVED_EVENT_SLUGS : undefined);
      if (
        fields.slug &&
        (await tx.publication.findFirst({ where: { slug, ...(id ? { id: { not: id } } : {}) }, select: { id: true } }))
      ) {
        throw new RefusalAbort(
          refuse(400, "Some fields need attention.", { slug: "Another publication already uses this slug" }),
        );
      }
      const authors = await resolveAuthors(tx, fields);
      const columns = columnsOf(fields, slug, rendered);

      let publicationId: number;
      let version: number;
      if (existing) {
        const update = () =>
          tx.publication.updateMany({
            where: { id: existing.id, version: expectedVersion, deletedAt: null },
            data: { ...columns, version: { increment: 1 }, updatedAt: now },
          });
        let updated = await update();
        // Only this user's own save may have come in between (the one still in flight).
        if (updated.count === 0 && afterOwnPendingSave) {
          const latest = await tx.revision.findFirst({
            where: { publicationId: existing.id },
            orderBy: { version: "desc" },
            select: { version: true, authorId: true },
          });
          if (latest?.version === requestedVersion + 1 && latest.authorId === user.id) {
            expectedVersion = requestedVersion + 1;
            updated = await update();
          }
        }
        if (updated.count === 0) throw new ConflictAbort();
        publicationId = existing.id;
        version = expectedVersion + 1;
        await tx.publicationCategory.deleteMany({ where: { publicationId } });
        await tx.publicationAuthor.deleteMany({ where: { publicationId } });
      } else {
        const created = await tx.publication.create({
          data: { ...columns, status: "DRAFT", version: 1, createdById: user.id },
          select: { id: true },
        });
        publicationId = created.id;
        version = 1;
        await tx.auditLog.create({
          data: {
            actorId: user.id,
            action: "publication.create",
            entityType: "Publication",
            entityId: String(publicationId),
            details: { title: fields.title },
          },
        });
      }
      await tx.publicationCategory.createMany({
        data: [...new Set(fields.categoryIds)].map((categoryId) => ({ publicationId, categoryId })),
      });
      await tx.publicationAuthor.createMany({
        data: authors.ids.map((authorId, position) => ({ publicationId, authorId, position })),
      });
      await tx.revision.create({
        data: {
          publicationId,
          version,
          title: fields.title,
          summary: fields.summary,
          bodyJson,
          authorId: user.id,
          createdAt: now,
        },
      });

      if (existing?.status === "PUBLISHED" && existing.slug !== slug) {
        await recordSlugRedirect(tx, existing.slug, slug);
        await tx.auditLog.create({
          data: {
            actorId: user.id,
            action: "publication.slug_change",
            entityType: "Publication",
            entityId: String(publicationId),
            details: { from: existing.slug, to: slug },
          },
        });
      }
      const change = changeOfPublication(
        existing,
        existing && { ...existing, slug, publishedAt: columns.publishedAt },
        now,
      );
      // A new author by name joins the authors readers can browse.
      if (authors.created) change.taxonomy = true;
      // A scheduled publication moved to another time gets a go-live job for the new time.
      const rescheduled =
        existing?.status === "SCHEDULED" &&
        columns.publishedAt &&
        columns.publishedAt.getTime() !== existing.publishedAt?.getTime();
      const goLive = rescheduled && columns.publishedAt ? { publicationId, at: columns.publishedAt } : undefined;
      return {
        ok: true as const,
        id: publicationId,
        version,
        slug,
        savedAt: now.toISOString(),
        effects: { change, ...(goLive && { goLive }) },
      };
    });
  } catch (error) {
    if (error instanceof RefusalAbort) return error.refusal;
    if (error instanceof ConflictAbort && existing) return conflictRefusal(database, existing.id);
    throw error;
  }
}

async function conflictRefusal(database: DatabaseClient, publicationId: number): Promise<Refusal> {
  const [current, last] = await Promise.all([
    database.publication.findUnique({ where: { id: publicationId }, select: { version: true, updatedAt: true } }),
    lastSave(database, publicationId),
  ]);
  const savedBy = last?.savedBy ?? null;
  return {
    ok: false,
    status: 409,
    message: `${savedBy ?? "Someone"} saved a newer version of this publication. Reload to see their changes, or overwrite them with yours.`,
    conflict: {
      currentVersion: current?.version ?? 0,
      savedBy,
      savedAt: last?.savedAt ?? current?.updatedAt.toISOString() ?? new Date().toISOString(),
    },
  };
}
