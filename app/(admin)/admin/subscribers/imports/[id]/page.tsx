import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass } from "@/components/admin/form-styles";
import { DataTable } from "@/components/ui/data-table";
import { StatGrid } from "@/components/admin/stat-grid";
import { recordAuditEntry } from "@/lib/auth/audit-log";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatCount } from "@/lib/format/numbers";
import type { ImportReportLine } from "@/lib/subscribers/import";
import { databaseIdSchema } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Import" };

/** Report lines shown on the page; the counts above stay complete. */
const SHOWN_REPORT_LINES = 1000;

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const user = await requirePermission("subscribers.manage", `/admin/subscribers/imports/${encodeURIComponent(rawId)}`);
  const id = databaseIdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const item = await db.subscriberImport.findUnique({ where: { id: id.data }, omit: { csv: true } });
  if (!item) notFound();
  // The report names the addresses it could not import.
  await recordAuditEntry(db, user.id, {
    action: "subscriber.import_view",
    entityType: "SubscriberImport",
    entityId: item.id,
  });
  const running = item.status === "queued" || item.status === "running";
  const report = (Array.isArray(item.report) ? item.report : []) as ImportReportLine[];

  return (
    <>
      {running ? <meta httpEquiv="refresh" content="2" /> : null}
      <p className="text-sm">
        <Link href="/admin/subscribers" className={linkClass}>
          Subscribers
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">
        Import #{item.id}: {item.filename}
      </h1>
      <p className="mt-1 text-sm text-muted">
        {item.assertedConsent
          ? "Consent asserted by staff: imported as confirmed."
          : "Imported as pending: each address receives a confirmation email."}
      </p>
      <p className="mt-4" role="status">
        {running ? "Importing… " : item.status === "failed" ? "The import failed. " : "Done. "}
        {formatCount(item.processedRows)} of {formatCount(item.totalRows)} rows processed.
      </p>
      <progress
        max={Math.max(1, item.totalRows)}
        value={item.processedRows}
        aria-label="Rows processed"
        className="mt-2 w-full max-w-xl"
      />
      <StatGrid
        className="mt-4"
        stats={[
          ["Imported", item.imported],
          ["Not imported", item.skipped],
          ["Total rows", item.totalRows],
        ]}
      />
      <section aria-labelledby="report-heading" className="mt-8">
        <h2 id="report-heading" className="text-xl font-bold">
          Rows not imported
        </h2>
        {report.length === 0 ? (
          <p className="mt-2">None.</p>
        ) : (
          <DataTable
            className="mt-3"
            density="compact"
            rows={report.slice(0, SHOWN_REPORT_LINES)}
            rowKey={(line) => line.row}
            columns={[
              { header: "Row", cell: (line) => line.row },
              { header: "Email", cell: (line) => line.email },
              { header: "Why", cell: (line) => line.message },
            ]}
          />
        )}
        {report.length > SHOWN_REPORT_LINES ? (
          <p className="mt-2 text-sm">
            The first {formatCount(SHOWN_REPORT_LINES)} of {formatCount(report.length)} lines.
          </p>
        ) : null}
      </section>
    </>
  );
}
