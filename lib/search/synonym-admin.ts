/**
 * Staff's synonyms in the database: listed, added and removed, each change audited in its
 * transaction. The engine reads them at query time (postgres-engine.ts), so no reindex.
 */
import type { DatabaseClient } from "@/lib/db-client";
import type { Result } from "@/lib/result";
import { refuse } from "@/lib/result";
import type { SynonymInput } from "@/lib/validations/search-synonyms";

export type StoredSynonym = { id: number; term: string; alternatives: string[]; twoWay: boolean; updatedAt: Date };

export function listSynonyms(db: DatabaseClient): Promise<StoredSynonym[]> {
  return db.searchSynonym.findMany({
    orderBy: [{ term: "asc" }, { id: "asc" }],
    select: { id: true, term: true, alternatives: true, twoWay: true, updatedAt: true },
  });
}

export async function addSynonym(
  db: DatabaseClient,
  actorId: number,
  input: SynonymInput,
): Promise<Result<{ message: string; id: number }>> {
  const existing = await db.searchSynonym.findFirst({
    where: { term: { equals: input.term, mode: "insensitive" }, twoWay: input.twoWay },
    select: { id: true },
  });
  if (existing)
    return refuse(409, `“${input.term}” has synonyms already: remove them first to change them.`, {
      term: "Already listed.",
    });
  const created = await db.$transaction(async (tx) => {
    const synonym = await tx.searchSynonym.create({ data: input, select: { id: true } });
    await tx.auditLog.create({
      data: {
        actorId,
        action: "search.synonym_add",
        entityType: "SearchSynonym",
        entityId: String(synonym.id),
        details: input,
      },
    });
    return synonym;
  });
  const arrow = input.twoWay ? "=" : "→";
  return { ok: true, id: created.id, message: `Added: ${input.term} ${arrow} ${input.alternatives.join(", ")}.` };
}

export async function removeSynonym(db: DatabaseClient, actorId: number, id: number): Promise<Result> {
  return db.$transaction(async (tx) => {
    const synonym = await tx.searchSynonym.findUnique({
      where: { id },
      select: { term: true, alternatives: true, twoWay: true },
    });
    if (!synonym) return refuse(404, "That synonym is gone already.");
    await tx.searchSynonym.delete({ where: { id } });
    await tx.auditLog.create({
      data: {
        actorId,
        action: "search.synonym_remove",
        entityType: "SearchSynonym",
        entityId: String(id),
        details: synonym,
      },
    });
    return { ok: true as const, message: `Removed the synonyms of “${synonym.term}”.` };
  });
}
