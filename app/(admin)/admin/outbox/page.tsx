import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { linkClass } from "@/components/admin/form-styles";
import { requirePermission } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { formatBytes } from "@/lib/format/bytes";
import { formatAdminDateTime } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { db } from "@/lib/db";
import { OUTBOX_DIR } from "@/lib/mail/mailer";
import { listOutbox, recordOutboxView } from "@/lib/mail/outbox";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).page;
  const requested = Number(Array.isArray(raw) ? raw[0] : raw) || 1;
  const user = await requirePermission("outbox.read", "/admin/outbox");
  const outbox = await listOutbox(OUTBOX_DIR, requested);
  await recordOutboxView(db, user.id, { page: outbox.page });
  return (
    <>
      <h1 className="text-2xl font-bold">Outbox</h1>
      <p className="mt-2 max-w-3xl">
        {env.SMTP_URL
          ? "Mail goes to the SMTP server set in SMTP_URL. Messages written here before it was set are listed below."
          : "No SMTP server is configured (SMTP_URL), so every email is kept here instead of being sent."}{" "}
        The links in these messages act for their recipients, so their secrets are shown as [redacted]; your views of
        the outbox are recorded in the audit log.
      </p>
      <p className="mt-4" role="status">
        {formatCount(outbox.total)} {outbox.total === 1 ? "message" : "messages"}, newest first
      </p>
      <DataTable
        rows={outbox.files}
        rowKey={(file) => file.name}
        className="mt-3"
        columns={[
          {
            header: "Message",
            cell: (file) => (
              <Link href={`/admin/outbox/${encodeURIComponent(file.name)}`} className={linkClass}>
                {file.name}
              </Link>
            ),
          },
          { header: "Written", cell: (file) => `${formatAdminDateTime(file.modifiedAt, { seconds: true })} UTC` },
          { header: "Size", cell: (file) => formatBytes(file.size) },
        ]}
      />
      {outbox.pageCount > 1 ? (
        <nav aria-label="Pagination" className="mt-4 flex gap-4 text-sm">
          {outbox.page > 1 ? (
            <Link href={`/admin/outbox?page=${outbox.page - 1}`} rel="prev" className={linkClass}>
              Newer
            </Link>
          ) : null}
          <span>
            Page {formatCount(outbox.page)} of {formatCount(outbox.pageCount)}
          </span>
          {outbox.page < outbox.pageCount ? (
            <Link href={`/admin/outbox?page=${outbox.page + 1}`} rel="next" className={linkClass}>
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
