import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass } from "@/components/admin/form-styles";
import { StatGrid } from "@/components/admin/stat-grid";
import { DataTable } from "@/components/ui/data-table";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatCount } from "@/lib/format/numbers";
import { databaseIdSchema } from "@/lib/validations/common";
import type { ImportCounts, ReportEntry } from "@/lib/wordpress/import";

export const metadata: Metadata = { title: "WordPress import" };

/** Report entries shown on the page; the counts above stay complete. */
const SHOWN_REPORT_ENTRIES = 1000;

const KIND_LABELS: Record<ReportEntry["kind"], string> = {
  failure: "Not imported",
  conflict: "Conflict",
  unmapped: "Kept as text",
  note: "Note",
};

export default async function WordPressImportRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  await requirePermission("import.manage", `/admin/import/${encodeURIComponent(rawId)}`);
  const id = databaseIdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const run = await db.wordPressImport.findUnique({ where: { id: id.data } });
  if (!run) notFound();
  const running = run.status === "queued" || run.status === "running";
  const counts = (run.counts ?? {}) as Partial<ImportCounts>;
  const report = (Array.isArray(run.report) ? run.report : []) as ReportEntry[];
  const total = Number(run.totalBytes);
  const read = Math.min(Number(run.bytesRead), total);
  const percent = total > 0 ? Math.round((read / total) * 100) : 0;

  return (
    <>
      {running ? <meta httpEquiv="refresh" content="2" /> : null}
      <p className="text-sm">
        <Link href="/admin/import" className={linkClass}>
          Import from WordPress
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">
        Import #{run.id}: {run.filename}
        {run.dryRun ? " (dry run)" : ""}
      </h1>
      <p className="mt-4" role="status">
        {run.status === "queued"
          ? "Waiting to start… "
          : run.status === "running"
            ? "Importing… "
            : run.status === "failed"
              ? "The import stopped. "
              : run.dryRun
                ? "Dry run done: nothing was changed. "
                : "Done. "}
        {formatCount(run.itemsProcessed)} items read ({percent}% of the file).
      </p>
      <progress max={100} value={percent} aria-label="Import progress" className="mt-2 w-full max-w-xl" />
      {run.error ? (
        <p role="alert" className="mt-4 max-w-2xl rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {run.error}
        </p>
      ) : null}
      <StatGrid
        className="mt-4"
        stats={[
          [run.dryRun ? "Would be created" : "Created", counts.created ?? 0],
          [run.dryRun ? "Would be updated" : "Updated", counts.updated ?? 0],
          ["Unchanged", counts.unchanged ?? 0],
          ["Conflicts", counts.conflicts ?? 0],
          ["Not imported", counts.failed ?? 0],
          ["Skipped", counts.skipped ?? 0],
          ["Authors", counts.authors ?? 0],
          ["Topics", counts.topics ?? 0],
          ["Pages", counts.pages ?? 0],
          ["Media", counts.media ?? 0],
          ["Old addresses", counts.redirects ?? 0],
        ]}
      />
      <section aria-labelledby="report-heading" className="mt-8">
        <h2 id="report-heading" className="text-xl font-bold">
          Report
        </h2>
        {running ? (
          <p className="mt-2">The report appears when the import is done.</p>
        ) : report.length === 0 ? (
          <p className="mt-2">Nothing to report: everything came across as it was.</p>
        ) : (
          <DataTable
            className="mt-3"
            density="compact"
            rows={report.slice(0, SHOWN_REPORT_ENTRIES).map((entry, index) => ({ ...entry, key: index }))}
            rowKey={(entry) => entry.key}
            columns={[
              { header: "What", cell: (entry) => KIND_LABELS[entry.kind] ?? entry.kind },
              { header: "Item", cell: (entry) => (entry.postId ? `${entry.postId} ${entry.title ?? ""}` : "") },
              { header: "Details", cell: (entry) => entry.message },
            ]}
          />
        )}
        {report.length > SHOWN_REPORT_ENTRIES ? (
          <p className="mt-2 text-sm">
            The first {formatCount(SHOWN_REPORT_ENTRIES)} of {formatCount(report.length)} entries.
          </p>
        ) : null}
      </section>
    </>
  );
}
