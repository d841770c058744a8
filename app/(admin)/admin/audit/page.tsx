import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { TextField } from "@/components/ui/text-field";
import { linkClass } from "@/components/admin/form-styles";
import {
  ANONYMOUS_AUTH_EVENTS,
  anonymousAuthEventsByDay,
  auditFilterChoices,
  listAuditEntries,
  loadAuditRetentionDays,
  recordAuditEntry,
} from "@/lib/auth/audit-log";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatAdminDateTime } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";
import { auditQueryString, parseAuditQuery } from "@/lib/validations/audit";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One line of an entry's details, e.g. "ip: 192.0.2.1 · minutes: 5". */
function describe(details: unknown): string {
  if (!details || typeof details !== "object" || Array.isArray(details)) return "";
  return Object.entries(details as Record<string, unknown>)
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`,
    )
    .join(" · ");
}

/** What staff did and read, who signed in and out, filtered by person, action and date (ADMIN only). */
export default async function AuditPage({ searchParams }: Props) {
  const query = parseAuditQuery(await searchParams);
  const user = await requirePermission("audit.read", `/admin/audit${auditQueryString(query)}`);
  const [entries, choices, anonymous, retentionDays] = await Promise.all([
    listAuditEntries(db, query),
    auditFilterChoices(db),
    anonymousAuthEventsByDay(db),
    loadAuditRetentionDays(db),
  ]);
  // Reading the log is in the log: it names people and their addresses.
  await recordAuditEntry(db, user.id, {
    action: "audit.view",
    entityType: "AuditLog",
    details: { ...query, page: entries.page },
  });
  const filters = { ...query, page: 1 };

  return (
    <>
      <h1 className="text-2xl font-bold">Audit log</h1>
      <p className="mt-2 max-w-3xl">
        Every change staff make, every view of personal data, and every sign-in, newest first. Entries are kept{" "}
        {formatCount(retentionDays)} days (
        <Link href="/admin/settings" className={linkClass}>
          settings
        </Link>
        ).
      </p>

      <form method="get" action="/admin/audit" role="search" className="mt-6 flex flex-wrap items-end gap-4">
        <TextField as="select" id="audit-actor" name="actor" label="Person" defaultValue={query.actor ?? ""}>
          <option value="">Everyone</option>
          {choices.people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name ? `${person.name} (${person.email})` : person.email}
            </option>
          ))}
        </TextField>
        <TextField as="select" id="audit-action" name="action" label="Action" defaultValue={query.action ?? ""}>
          <option value="">All actions</option>
          <optgroup label="Families">
            {choices.families.map((family) => (
              <option key={family} value={family}>
                {family}*
              </option>
            ))}
          </optgroup>
          <optgroup label="Actions">
            {choices.actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </optgroup>
        </TextField>
        <TextField id="audit-from" name="from" label="From" type="date" defaultValue={query.from} />
        <TextField id="audit-to" name="to" label="To" type="date" defaultValue={query.to} />
        <button type="submit" className="rounded bg-accent px-4 py-2 font-semibold text-white">
          Filter
        </button>
      </form>

      <p className="mt-6" role="status">
        {formatCount(entries.total)} {entries.total === 1 ? "entry" : "entries"}
      </p>
      <DataTable
        scroll="Audit log entries"
        className="mt-3"
        density="compact"
        alignTop
        rows={entries.rows}
        rowKey={(row) => row.id}
        empty="No entries match."
        columns={[
          {
            header: "When (UTC)",
            cell: (row) => formatAdminDateTime(row.createdAt, { seconds: true }),
            className: "whitespace-nowrap tabular-nums",
          },
          {
            header: "Person",
            cell: (row) => (row.actor ? row.actor.name || row.actor.email : "—"),
          },
          { header: "Action", cell: (row) => row.action, className: "font-mono" },
          {
            header: "Subject",
            cell: (row) => (row.entityId ? `${row.entityType} ${row.entityId}` : row.entityType),
          },
          { header: "Details", cell: (row) => describe(row.details), className: "break-all" },
        ]}
      />
      {entries.pageCount > 1 ? (
        <nav aria-label="Pagination" className="mt-4 flex gap-4 text-sm">
          {entries.page > 1 ? (
            <Link
              href={`/admin/audit${auditQueryString({ ...filters, page: entries.page - 1 })}`}
              rel="prev"
              className={linkClass}
            >
              Newer
            </Link>
          ) : null}
          <span>
            Page {formatCount(entries.page)} of {formatCount(entries.pageCount)}
          </span>
          {entries.page < entries.pageCount ? (
            <Link
              href={`/admin/audit${auditQueryString({ ...filters, page: entries.page + 1 })}`}
              rel="next"
              className={linkClass}
            >
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}

      <section aria-labelledby="anonymous-heading" className="mt-10 max-w-3xl">
        <h2 id="anonymous-heading" className="text-xl font-bold">
          Attempts naming no account
        </h2>
        <p className="mt-1 text-sm text-muted">
          Anyone can cause these, so they are counted per hour rather than listed one by one. Last 14 days.
        </p>
        <DataTable
          className="mt-3"
          density="compact"
          rows={anonymous}
          rowKey={(row) => `${row.day.toISOString()}-${row.event}`}
          empty="None in the last 14 days."
          columns={[
            { header: "Day (UTC)", cell: (row) => row.day.toISOString().slice(0, 10), className: "tabular-nums" },
            { header: "What", cell: (row) => ANONYMOUS_AUTH_EVENTS[row.event] ?? row.event },
            { header: "Count", cell: (row) => formatCount(row.count), align: "right" },
          ]}
        />
      </section>
    </>
  );
}
