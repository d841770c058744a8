"use client";

import { useEffect, useState } from "react";
import { listRevisionsAction } from "@/lib/actions/publications/editor-session";
import { restoreRevisionAction } from "@/lib/actions/publications/restore-revision";
import type { RevisionSummary } from "@/lib/publications/revisions";
import type { Saved } from "@/lib/publications/save";
import type { Result } from "@/lib/result";

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Every save, newest first, with what it changed; "Restore" saves an old one as a new version. */
export function RevisionsPanel({
  publicationId,
  version,
  beforeRestore,
  onRestored,
}: {
  publicationId: number;
  version: number;
  beforeRestore: () => boolean;
  onRestored: (result: Result<Saved>) => void;
}) {
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [message, setMessage] = useState("");

  useEffect(() => {
    let current = true;
    listRevisionsAction(publicationId).then((answer) => {
      if (!current) return;
      if (answer.ok) setRevisions(answer.revisions);
      else setMessage(answer.message);
    });
    return () => {
      current = false;
    };
  }, [publicationId, version]);

  async function restore(revision: RevisionSummary) {
    if (!beforeRestore()) return;
    setMessage(`Restoring version ${revision.version}…`);
    const result = await restoreRevisionAction({ publicationId, revisionId: revision.id, expectedVersion: version });
    setMessage(result.ok ? `Version ${revision.version} restored as version ${result.version}.` : result.message);
    onRestored(result);
  }

  return (
    <section aria-labelledby="revisions-heading" className="mt-6 rounded border border-rule p-4">
      <h2 id="revisions-heading" className="text-lg font-bold">
        Revisions
      </h2>
      <p role="status" className="text-sm text-muted">
        {message || (revisions === null ? "Loading…" : "")}
      </p>
      <ol className="mt-2 space-y-4">
        {(revisions ?? []).map((revision) => (
          <li key={revision.id} className="border-t border-rule pt-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-semibold">
                Version {revision.version}
                <span className="ml-2 text-sm font-normal text-muted">
                  {timeFormat.format(new Date(revision.createdAt))}
                  {revision.savedBy ? ` · ${revision.savedBy}` : ""}
                </span>
              </h3>
              {revision.version !== version ? (
                <button
                  type="button"
                  onClick={() => restore(revision)}
                  aria-label={`Restore version ${revision.version}`}
                  className="rounded border border-accent px-3 py-1 text-sm text-accent"
                >
                  Restore
                </button>
              ) : (
                <span className="text-sm text-muted">Current</span>
              )}
            </div>
            <p className="mt-2 max-h-48 overflow-y-auto whitespace-pre-wrap text-sm">
              {revision.diff.map((part, index) =>
                part.added ? (
                  <ins key={index} className="bg-green-100 text-green-900 no-underline">
                    {part.value}
                  </ins>
                ) : part.removed ? (
                  <del key={index} className="bg-red-100 text-red-900">
                    {part.value}
                  </del>
                ) : (
                  <span key={index}>
                    {part.value.length > 400 ? `${part.value.slice(0, 150)} … ${part.value.slice(-150)}` : part.value}
                  </span>
                ),
              )}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
