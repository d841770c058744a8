/**
 * Creating, editing, merging and deleting authors, categories and series, each in one
 * transaction with an AuditLog entry. Old public addresses keep working: a renamed slug
 * and a merged term leave a Redirect (read by the public listing pages). The caller (a
 * server action) has already checked the permission; each write says what readers see
 * changed (`change`), which the caller drops from the public caches.
 */
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/session";
import type { PublicChange } from "@/lib/cache/changes";
import { refuse, type Refusal, type Result } from "@/lib/result";
import type { DatabaseClient } from "@/lib/db-client";
import { slugify } from "@/lib/format/slug";
import type { TaxonomyTermField, TaxonomyTermInput } from "@/lib/validations/taxonomy";
import { TAXONOMY, type TaxonomyKind } from "./kinds";

type Transaction = Prisma.TransactionClient;
type Term = { id: number; slug: string; name: string };

const table = (kind: TaxonomyKind) => Prisma.raw(`"${TAXONOMY[kind].table}"`);
const publicPath = (kind: TaxonomyKind, slug: string) => `${TAXONOMY[kind].publicPath}/${slug}`;
const notFound = (kind: TaxonomyKind): Refusal =>
  refuse(404, `There is no such ${TAXONOMY[kind].singular}: it may have been merged or deleted.`);

/** Names and descriptions change wherever shown; merges and deletions also move publications between lists. */
const RENAMED: PublicChange = { taxonomy: true };
const REGROUPED: PublicChange = { taxonomy: true, listings: true };

type TermWritten = { message: string; change: PublicChange };

async function findTerm(tx: Transaction, kind: TaxonomyKind, id: number): Promise<Term | null> {
  const rows = await tx.$queryRaw<Term[]>`SELECT id, slug, name FROM ${table(kind)} WHERE id = ${id} FOR UPDATE`;
  return rows[0] ?? null;
}

async function slugTaken(
  tx: Transaction,
  kind: TaxonomyKind,
  slug: string,
  exceptId: number | undefined,
): Promise<boolean> {
  const rows = await tx.$queryRaw<
    unknown[]
  >`SELECT 1 FROM ${table(kind)} WHERE slug = ${slug} AND id <> ${exceptId ?? 0}`;
  return rows.length > 0;
}

/** `base`, or `base-2`, `base-3`… whichever is free. */
async function freeSlug(
  tx: Transaction,
  kind: TaxonomyKind,
  base: string,
  exceptId: number | undefined,
): Promise<string> {
  for (let suffix = 1; ; suffix += 1) {
    const candidate = suffix === 1 ? base : `${base.slice(0, 75)}-${suffix}`;
    if (!(await slugTaken(tx, kind, candidate, exceptId))) return candidate;
  }
}

function audit(
  tx: Transaction,
  actor: CurrentUser,
  kind: TaxonomyKind,
  action: string,
  id: number,
  details: Prisma.InputJsonObject,
) {
  return tx.auditLog.create({
    data: {
      action: `${kind}.${action}`,
      actorId: actor.id,
      entityType: TAXONOMY[kind].table,
      entityId: String(id),
      details,
    },
  });
}

/** Points `fromPath` (and whatever already redirected to it) at `toPath`. */
async function redirectPath(tx: Transaction, fromPath: string, toPath: string) {
  await tx.redirect.updateMany({ where: { toPath: fromPath }, data: { toPath } });
  await tx.redirect.upsert({ where: { fromPath }, create: { fromPath, toPath }, update: { toPath } });
  await tx.redirect.deleteMany({ where: { fromPath: toPath } });
}

export type SaveTermResult = Result<TermWritten & { id: number; slug: string }, TaxonomyTermField>;

export async function saveTerm(
  database: DatabaseClient,
  actor: CurrentUser,
  input: TaxonomyTermInput,
): Promise<SaveTermResult> {
  const { kind } = input;
  const info = TAXONOMY[kind];
  try {
    return await database.$transaction(async (tx): Promise<SaveTermResult> => {
      const existing = input.id === undefined ? null : await findTerm(tx, kind, input.id);
      if (input.id !== undefined && !existing) return notFound(kind);
      let slug = input.slug;
      if (!slug) slug = await freeSlug(tx, kind, slugify(input.name), input.id);
      else if (await slugTaken(tx, kind, slug, input.id)) {
        const message = `Another ${info.singular} already uses this slug`;
        return refuse(409, message, { slug: message });
      }
      const common = { name: input.name, slug };
      let id: number;
      if (kind === "author") {
        const data = {
          ...common,
          title: input.title,
          affiliation: input.affiliation,
          nameOrder: input.nameOrder,
          bio: input.description,
          photoUrl: input.imageUrl,
        };
        id = (
          existing ? await tx.author.update({ where: { id: existing.id }, data }) : await tx.author.create({ data })
        ).id;
      } else {
        const data = { ...common, description: input.description, imageUrl: input.imageUrl };
        if (kind === "category") {
          id = existing
            ? (await tx.category.update({ where: { id: existing.id }, data })).id
            : (await tx.category.create({ data })).id;
        } else {
          const series = { ...data, featured: input.featured };
          id = existing
            ? (await tx.series.update({ where: { id: existing.id }, data: series })).id
            : (await tx.series.create({ data: series })).id;
          // One featured series at a time: choosing this one retires the one before.
          if (input.featured)
            await tx.series.updateMany({ where: { featured: true, id: { not: id } }, data: { featured: false } });
        }
      }
      // The address now belongs to this term, whatever redirected from it before.
      await tx.redirect.deleteMany({ where: { fromPath: publicPath(kind, slug) } });
      if (existing && existing.slug !== slug)
        await redirectPath(tx, publicPath(kind, existing.slug), publicPath(kind, slug));
      await audit(
        tx,
        actor,
        kind,
        existing ? "update" : "create",
        id,
        existing && existing.slug !== slug
          ? { name: input.name, slug, previousSlug: existing.slug }
          : { name: input.name, slug },
      );
      const message = existing ? `Saved ${input.name}.` : `Created ${input.name}.`;
      return { ok: true, message, id, slug, change: RENAMED };
    });
  } catch (error) {
    // Topic and series names are unique too.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const message = `Another ${info.singular} already has this name`;
      return refuse(409, message, { name: message });
    }
    throw error;
  }
}

/** Moves every publication (and, for topics, every subscriber) of `from` to `to`; returns how many publications moved. */
async function moveLinks(tx: Transaction, kind: TaxonomyKind, from: number, to: number): Promise<number> {
  if (kind === "series")
    return (await tx.publication.updateMany({ where: { seriesId: from }, data: { seriesId: to } })).count;
  if (kind === "author") {
    // A publication crediting both keeps its position for `to`; its row for `from` goes with `from`.
    const moved = await tx.$executeRaw`
      UPDATE "PublicationAuthor" pa SET "authorId" = ${to}
       WHERE pa."authorId" = ${from}
         AND NOT EXISTS (SELECT 1 FROM "PublicationAuthor" other WHERE other."publicationId" = pa."publicationId" AND other."authorId" = ${to})`;
    const both = await tx.publicationAuthor.count({ where: { authorId: from } });
    return moved + both;
  }
  const moved = await tx.$executeRaw`
    UPDATE "PublicationCategory" pc SET "categoryId" = ${to}
     WHERE pc."categoryId" = ${from}
       AND NOT EXISTS (SELECT 1 FROM "PublicationCategory" other WHERE other."publicationId" = pc."publicationId" AND other."categoryId" = ${to})`;
  const both = await tx.publicationCategory.count({ where: { categoryId: from } });
  await tx.$executeRaw`
    UPDATE "SubscriberTopic" st SET "categoryId" = ${to}
     WHERE st."categoryId" = ${from}
       AND NOT EXISTS (SELECT 1 FROM "SubscriberTopic" other WHERE other."subscriberId" = st."subscriberId" AND other."categoryId" = ${to})`;
  return moved + both;
}

/** A staff member's author profile follows the merge when the surviving author has none. */
async function moveStaffLink(tx: Transaction, from: number, to: number) {
  const [source, target] = await Promise.all([
    tx.author.findUnique({ where: { id: from }, select: { userId: true } }),
    tx.author.findUnique({ where: { id: to }, select: { userId: true } }),
  ]);
  if (source?.userId && !target?.userId) {
    await tx.author.update({ where: { id: from }, data: { userId: null } });
    await tx.author.update({ where: { id: to }, data: { userId: source.userId } });
  }
}

/** Merge A into B: B gets all of A's publications, A is deleted, and A's address redirects to B's. */
export async function mergeTerms(
  database: DatabaseClient,
  actor: CurrentUser,
  kind: TaxonomyKind,
  sourceId: number,
  targetId: number,
): Promise<Result<TermWritten, "targetId">> {
  return database.$transaction(async (tx) => {
    const source = await findTerm(tx, kind, sourceId);
    const target = await findTerm(tx, kind, targetId);
    if (!source || !target) return notFound(kind);
    const moved = await moveLinks(tx, kind, source.id, target.id);
    if (kind === "author") await moveStaffLink(tx, source.id, target.id);
    await tx.$executeRaw`DELETE FROM ${table(kind)} WHERE id = ${source.id}`;
    await redirectPath(tx, publicPath(kind, source.slug), publicPath(kind, target.slug));
    await audit(tx, actor, kind, "merge", source.id, {
      name: source.name,
      slug: source.slug,
      into: target.id,
      intoSlug: target.slug,
      publications: moved,
    });
    return {
      ok: true,
      message: `Merged ${source.name} into ${target.name} (${moved} publication${moved === 1 ? "" : "s"} moved).`,
      change: REGROUPED,
    };
  });
}

/**
 * Deletes a term after moving its publications to `targetId`; without one, its
 * publications just lose the link (topics and series), which an author's cannot: every
 * publication they are credited on needs someone else credited instead.
 */
export async function deleteTerm(
  database: DatabaseClient,
  actor: CurrentUser,
  kind: TaxonomyKind,
  id: number,
  targetId: number | null,
): Promise<Result<TermWritten, "targetId">> {
  return database.$transaction(async (tx) => {
    const term = await findTerm(tx, kind, id);
    if (!term) return notFound(kind);
    let moved = 0;
    if (targetId !== null) {
      if (!(await findTerm(tx, kind, targetId))) return notFound(kind);
      moved = await moveLinks(tx, kind, term.id, targetId);
    } else if (kind === "author" && (await tx.publicationAuthor.count({ where: { authorId: term.id } })) > 0) {
      const message = "Choose the author to credit instead on this author's publications.";
      return refuse(409, message, { targetId: message });
    }
    await tx.$executeRaw`DELETE FROM ${table(kind)} WHERE id = ${term.id}`;
    await tx.redirect.deleteMany({ where: { toPath: publicPath(kind, term.slug) } });
    await audit(tx, actor, kind, "delete", term.id, {
      name: term.name,
      slug: term.slug,
      reassignedTo: targetId,
      publications: moved,
    });
    return { ok: true, message: `Deleted ${term.name}.`, change: REGROUPED };
  });
}
