/**
 * Revisions: one per save. The editor lists them with a word diff against the revision
 * before, and restoring one saves its title, summary and body as a new version (so the
 * restore itself is a revision, and can be undone the same way).
 */
import "server-only";
import { diffWords } from "diff";
import type { CurrentUser } from "@/lib/auth/session";
import { documentPlainText, type ProseMirrorDoc } from "@/lib/content/render-html";
import type { DatabaseClient } from "@/lib/db-client";
import { z } from "zod";
import { refuse } from "@/lib/result";
import { databaseIdSchema } from "@/lib/validations/common";
import { savePublication, type SaveResult } from "./save";
import { editorFieldsOf } from "./editor-state";

/** A run of text in a diff: unchanged, added or removed. */
export type DiffPart = { value: string; added?: boolean; removed?: boolean };
export type RevisionSummary = {
  id: number;
  version: number;
  createdAt: string;
  savedBy: string | null;
  title: string;
  diff: DiffPart[];
};

const MAX_LISTED = 50;

function revisionText(revision: { title: string; summary: string; bodyJson: unknown }): string {
  const body =
    revision.bodyJson && typeof revision.bodyJson === "object"
      ? documentPlainText(revision.bodyJson as ProseMirrorDoc)
      : "";
  return [revision.title, revision.summary, body].filter(Boolean).join("\n\n");
}

/** The newest revisions first, each with what changed since the one before it. */
export async function listRevisions(database: DatabaseClient, publicationId: number): Promise<RevisionSummary[]> {
  const revisions = await database.revision.findMany({
    where: { publicationId },
    orderBy: { version: "desc" },
    take: MAX_LISTED + 1,
    select: {
      id: true,
      version: true,
      createdAt: true,
      title: true,
      summary: true,
      bodyJson: true,
      author: { select: { name: true, email: true } },
    },
  });
  return revisions.slice(0, MAX_LISTED).map((revision, index) => {
    const previous = revisions[index + 1];
    const diff: DiffPart[] = previous
      ? diffWords(revisionText(previous), revisionText(revision))
      : [{ value: revisionText(revision) }];
    return {
      id: revision.id,
      version: revision.version,
      createdAt: revision.createdAt.toISOString(),
      savedBy: revision.author ? revision.author.name || revision.author.email : null,
      title: revision.title,
      diff: diff.map(({ value, added, removed }) => ({
        value,
        ...(added ? { added } : {}),
        ...(removed ? { removed } : {}),
      })),
    };
  });
}

const restoreRequestSchema = z.object({
  publicationId: databaseIdSchema,
  revisionId: databaseIdSchema,
  expectedVersion: z.coerce.number().int().min(1),
});

/** Saves an old revision's title, summary and body over the current ones (same lock and checks as any save). */
export async function restoreRevision(
  database: DatabaseClient,
  user: CurrentUser,
  input: unknown,
  now = new Date(),
): Promise<SaveResult> {
  const parsed = restoreRequestSchema.safeParse(input);
  if (!parsed.success) return refuse(400, "Invalid restore request.");
  const { publicationId, revisionId, expectedVersion } = parsed.data;
  const revision = await database.revision.findFirst({
    where: { id: revisionId, publicationId },
    select: { title: true, summary: true, bodyJson: true },
  });
  if (!revision) return refuse(404, "That revision does not exist.");
  const current = await editorFieldsOf(database, publicationId);
  if (!current) return refuse(404, "This publication does not exist or is in the trash.");
  return savePublication(
    database,
    user,
    {
      id: publicationId,
      expectedVersion,
      fields: { ...current, title: revision.title, summary: revision.summary, bodyJson: revision.bodyJson },
    },
    now,
  );
}
