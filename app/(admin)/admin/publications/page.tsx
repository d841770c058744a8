import type { Metadata } from "next";
import Link from "next/link";
import { BulkActionsForm } from "@/components/admin/bulk-actions-form";
import { DataTable } from "@/components/ui/data-table";
import { TextField } from "@/components/ui/text-field";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listAdminPublications } from "@/lib/data/admin-publications";
import { db } from "@/lib/db";
import { formatAdminDate } from "@/lib/format/dates";
import { loadEditorOptions } from "@/lib/publications/editor-state";
import { STATUS_LABELS, TRASH_RETENTION_DAYS } from "@/lib/publications/workflow-rules";
import {
  ADMIN_SORTS,
  parseAdminPublicationQuery,
  SORT_LABELS,
  type AdminPublicationQuery,
} from "@/lib/validations/admin-publications";
import { PUBLICATION_STATUSES } from "@/lib/validations/publication";

export const metadata: Metadata = { title: "Publications" };

const numberFormat = new Intl.NumberFormat("en-US");

function pageHref(query: AdminPublicationQuery, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["q", "status", "type", "author", "category", "sort", "view"] as const) {
    const value = query[key];
    if (value) params.set(key, String(value));
  }
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/admin/publications?${search}` : "/admin/publications";
}

function FilterSelect({
  id,
  label,
  name,
  value,
  options,
  all,
}: {
  id: string;
  label: string;
  name: string;
  value: string | number | undefined;
  options: { value: string | number; label: string }[];
  all: string;
}) {
  return (
    <TextField as="select" id={id} name={name} label={label} defaultValue={value ?? ""} controlClassName="w-auto">
      <option value="">{all}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

export default async function AdminPublicationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = parseAdminPublicationQuery(await searchParams);
  const user = await requirePermission("content.write", pageHref(query, query.page));
  const [{ rows, total, page, pageCount }, options] = await Promise.all([
    listAdminPublications(db, query),
    loadEditorOptions(db),
  ]);
  const noun = total === 1 ? "publication" : "publications";
  const trash = query.view === "trash";
  const publisher = can(user.role, "content.publish");
  // Every row is checked again on the server; these are only the choices worth offering.
  const bulkActions = trash
    ? (["restore"] as const)
    : publisher
      ? (["publish", "unpublish", "archive", "trash"] as const)
      : (["trash"] as const);

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{trash ? "Trash" : "Publications"}</h1>
        <div className="flex gap-4 text-sm">
          {trash ? (
            <Link href="/admin/publications" className="text-accent underline">
              All publications
            </Link>
          ) : (
            <Link href="/admin/publications?view=trash" className="text-accent underline">
              Trash
            </Link>
          )}
          <Link href="/admin/publications/new" className="rounded bg-accent px-4 py-2 font-semibold text-white">
            New publication
          </Link>
        </div>
      </div>
      {trash ? (
        <p className="mt-2 text-sm text-muted">
          Publications stay here for {TRASH_RETENTION_DAYS} days and can be restored; after that they are deleted for
          good.
        </p>
      ) : null}
      <form method="get" action="/admin/publications" role="search" className="mt-6 flex flex-wrap items-end gap-4">
        {trash ? <input type="hidden" name="view" value="trash" /> : null}
        <TextField
          id="admin-publication-q"
          name="q"
          label="Search titles"
          type="search"
          defaultValue={query.q}
          maxLength={200}
          controlClassName="w-72"
        />
        <FilterSelect
          id="admin-publication-status"
          label="Status"
          name="status"
          value={query.status}
          all="All statuses"
          options={PUBLICATION_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
        />
        <FilterSelect
          id="admin-publication-type"
          label="Type"
          name="type"
          value={query.type}
          all="All types"
          options={options.types.map((type) => ({ value: type.id, label: type.name }))}
        />
        <FilterSelect
          id="admin-publication-author"
          label="Author"
          name="author"
          value={query.author}
          all="All authors"
          options={options.authors.map((author) => ({ value: author.id, label: author.name }))}
        />
        <FilterSelect
          id="admin-publication-category"
          label="Category"
          name="category"
          value={query.category}
          all="All categories"
          options={options.categories.map((category) => ({ value: category.id, label: category.name }))}
        />
        <TextField
          as="select"
          id="admin-publication-sort"
          name="sort"
          label="Sort by"
          defaultValue={query.sort ?? "updated"}
          controlClassName="w-auto"
        >
          {ADMIN_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </TextField>
        <button type="submit" className="rounded bg-accent px-4 py-2 font-semibold text-white">
          Filter
        </button>
      </form>

      <p className="mt-6" role="status">
        {numberFormat.format(total)} {noun}
        {query.q ? ` matching “${query.q}”` : ""}
      </p>

      {/* Always mounted, so the result of a bulk action stays visible after its rows leave the list. */}
      <BulkActionsForm actions={rows.length > 0 ? [...bulkActions] : []}>
        <DataTable
          scroll
          className="mt-4"
          alignTop
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            {
              header: <span className="sr-only">Select</span>,
              narrow: true,
              cell: (row) => <input type="checkbox" name="ids" value={row.id} aria-label={`Select “${row.title}”`} />,
            },
            {
              header: "Title",
              cell: (row) =>
                trash ? (
                  row.title
                ) : (
                  <Link
                    href={`/admin/publications/${row.id}`}
                    className="text-accent underline-offset-4 hover:underline"
                  >
                    {row.title}
                  </Link>
                ),
            },
            { header: "Type", cell: (row) => row.type.name },
            { header: "Status", cell: (row) => STATUS_LABELS[row.status] },
            { header: "Authors", cell: (row) => row.authors.map((credit) => credit.author.name).join(", ") || "—" },
            {
              header: trash ? "Moved to trash" : "Updated",
              cell: (row) => {
                const when = trash && row.deletedAt ? row.deletedAt : row.updatedAt;
                return <time dateTime={when.toISOString()}>{formatAdminDate(when)}</time>;
              },
            },
          ]}
        />
      </BulkActionsForm>

      {pageCount > 1 ? (
        <nav aria-label="Pagination" className="mt-6 flex items-center gap-4 text-sm">
          {page > 1 ? (
            <Link href={pageHref(query, page - 1)} rel="prev" className="text-accent underline">
              Previous
            </Link>
          ) : null}
          <span>
            Page {numberFormat.format(page)} of {numberFormat.format(pageCount)}
          </span>
          {page < pageCount ? (
            <Link href={pageHref(query, page + 1)} rel="next" className="text-accent underline">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
