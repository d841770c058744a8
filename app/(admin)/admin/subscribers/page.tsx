import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { labelClass, TextField } from "@/components/ui/text-field";
import { linkClass } from "@/components/admin/form-styles";
import { recordAuditEntry } from "@/lib/auth/audit-log";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatAdminDate } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { MAX_IMPORT_BYTES } from "@/lib/subscribers/import";
import {
  listSubscribers,
  parseSubscriberQuery,
  SUBSCRIBER_STATUS_LABELS,
  SUBSCRIBER_STATUSES,
  subscriberQueryString,
} from "@/lib/subscribers/admin";

export const metadata: Metadata = { title: "Subscribers" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SubscribersPage({ searchParams }: Props) {
  const raw = await searchParams;
  const query = parseSubscriberQuery(raw);
  const user = await requirePermission("subscribers.manage", `/admin/subscribers${subscriberQueryString(query)}`);
  const [list, categories, imports] = await Promise.all([
    listSubscribers(db, query),
    db.category.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    db.subscriberImport.findMany({
      orderBy: { id: "desc" },
      take: 5,
      select: { id: true, filename: true, status: true, processedRows: true, totalRows: true, createdAt: true },
    }),
  ]);
  const filters = { ...query, after: undefined };
  await recordAuditEntry(db, user.id, {
    action: "subscriber.list_view",
    entityType: "Subscriber",
    details: Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== "")),
  });

  return (
    <>
      <h1 className="text-2xl font-bold">Subscribers</h1>
      {raw.erased ? (
        <p role="status" className="mt-3 rounded border border-green-800 bg-green-50 p-3">
          The subscriber has been erased; their address is kept only as a hash so it is never added again.
        </p>
      ) : null}

      <ul className="mt-4 flex flex-wrap gap-3" aria-label="Subscribers per status">
        {SUBSCRIBER_STATUSES.map((status) => (
          <li key={status} className="rounded border border-rule px-3 py-2">
            <Link href={`/admin/subscribers${subscriberQueryString({ ...filters, status })}`} className={linkClass}>
              {SUBSCRIBER_STATUS_LABELS[status]}: {formatCount(list.counts[status])}
            </Link>
          </li>
        ))}
      </ul>

      <form method="get" action="/admin/subscribers" role="search" className="mt-6 flex flex-wrap items-end gap-4">
        <TextField
          id="subscriber-q"
          name="q"
          label="Search email or name"
          type="search"
          defaultValue={query.q}
          maxLength={200}
        />
        <TextField as="select" id="subscriber-status" name="status" label="Status" defaultValue={query.status ?? ""}>
          <option value="">All statuses</option>
          {SUBSCRIBER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {SUBSCRIBER_STATUS_LABELS[status]}
            </option>
          ))}
        </TextField>
        <TextField as="select" id="subscriber-topic" name="topic" label="Topic" defaultValue={query.topic ?? ""}>
          <option value="">All topics</option>
          {categories.map((category) => (
            <option key={category.slug} value={category.slug}>
              {category.name}
            </option>
          ))}
        </TextField>
        <TextField id="subscriber-from" name="from" label="Signed up from" type="date" defaultValue={query.from} />
        <TextField id="subscriber-to" name="to" label="Signed up to" type="date" defaultValue={query.to} />
        <button type="submit" className="rounded bg-accent px-4 py-2 font-semibold text-white">
          Filter
        </button>
      </form>

      <div className="mt-6 flex flex-wrap items-center justify-between gap-4">
        <p role="status">
          {formatCount(list.total)} {list.total === 1 ? "subscriber" : "subscribers"}
          {query.q ? ` matching “${query.q}”` : ""}
        </p>
        <a href={`/admin/subscribers/export${subscriberQueryString(filters)}`} className={linkClass} download>
          Export CSV
        </a>
      </div>

      <DataTable
        scroll
        className="mt-3"
        rows={list.rows}
        rowKey={(row) => row.id}
        empty="No subscribers match."
        columns={[
          {
            header: "Email",
            cell: (row) => (
              <Link href={`/admin/subscribers/${row.id}`} className={linkClass}>
                {row.email}
              </Link>
            ),
          },
          { header: "Name", cell: (row) => [row.firstName, row.lastName].filter(Boolean).join(" ") || "—" },
          { header: "Status", cell: (row) => SUBSCRIBER_STATUS_LABELS[row.status] },
          { header: "Frequency", cell: (row) => (row.frequency === "IMMEDIATE" ? "Immediately" : "Weekly") },
          { header: "Topics", cell: (row) => formatCount(row.topicCount) },
          { header: "Signed up", cell: (row) => formatAdminDate(row.createdAt) },
        ]}
      />

      <nav aria-label="Pagination" className="mt-4 flex gap-4 text-sm">
        {query.after ? (
          <Link href={`/admin/subscribers${subscriberQueryString(filters)}`} className={linkClass}>
            First page
          </Link>
        ) : null}
        {list.nextCursor ? (
          <Link
            href={`/admin/subscribers${subscriberQueryString({ ...filters, after: list.nextCursor })}`}
            rel="next"
            className={linkClass}
          >
            Next page
          </Link>
        ) : null}
      </nav>

      <section aria-labelledby="import-heading" className="mt-10 max-w-2xl">
        <h2 id="import-heading" className="text-xl font-bold">
          Import CSV
        </h2>
        <p className="mt-1 text-sm text-muted">
          Columns: email (required), first name, last name, topics (slugs or names separated by “;”; all topics when
          empty), frequency (WEEKLY or IMMEDIATE). Up to {MAX_IMPORT_BYTES / 1024 / 1024} MB. Addresses already on the
          list are left as they are; erased addresses are never added.
        </p>
        <form method="post" action="/admin/subscribers/import" encType="multipart/form-data" className="mt-3 space-y-3">
          <div>
            <label htmlFor="import-file" className={labelClass}>
              CSV file
            </label>
            <input id="import-file" name="file" type="file" accept=".csv,text/csv" required className="mt-1" />
          </div>
          <label className="flex items-start gap-2">
            <input type="checkbox" name="consent" value="yes" className="mt-1" />
            <span>
              I confirm these people consented to receive email (they are imported as confirmed; otherwise each receives
              a confirmation email first).
            </span>
          </label>
          <button type="submit" className="rounded bg-accent px-4 py-2 font-semibold text-white">
            Import
          </button>
        </form>
        {imports.length > 0 ? (
          <>
            <h3 className="mt-6 font-semibold">Recent imports</h3>
            <ul className="mt-2 space-y-1 text-sm">
              {imports.map((item) => (
                <li key={item.id}>
                  {/* Underlined: the link sits in a line of text, where colour alone would not mark it. */}
                  <Link href={`/admin/subscribers/imports/${item.id}`} className={`${linkClass} underline`}>
                    #{item.id} {item.filename}
                  </Link>{" "}
                  — {item.status}, {formatCount(item.processedRows)} of {formatCount(item.totalRows)} rows
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}
