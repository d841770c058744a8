import type { Metadata } from "next";
import Link from "next/link";
import { requireRoleFrom } from "@/lib/auth/session";
import {
  listAdminPublications,
  parseAdminPublicationQuery,
  PUBLICATION_STATUSES,
  STATUS_LABELS,
  type AdminPublicationQuery,
} from "@/lib/data/admin-publications";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Publications" };

const numberFormat = new Intl.NumberFormat("en-US");
const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

function pageHref(query: AdminPublicationQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/admin/publications?${search}` : "/admin/publications";
}

export default async function AdminPublicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = parseAdminPublicationQuery(await searchParams);
  await requireRoleFrom(pageHref(query, query.page));
  const { rows, total, page, pageCount } = await listAdminPublications(db, query);
  const noun = total === 1 ? "publication" : "publications";

  return (
    <>
      <h1 className="text-2xl font-bold">Publications</h1>
      <form method="get" action="/admin/publications" role="search" className="mt-6 flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="admin-publication-q" className="block text-sm font-semibold">
            Search titles
          </label>
          <input id="admin-publication-q" name="q" type="search" defaultValue={query.q} maxLength={200} className="mt-1 w-72 rounded border border-gray-500 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="admin-publication-status" className="block text-sm font-semibold">
            Status
          </label>
          <select id="admin-publication-status" name="status" defaultValue={query.status ?? ""} className="mt-1 rounded border border-gray-500 px-3 py-2">
            <option value="">All statuses</option>
            {PUBLICATION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded bg-accent px-4 py-2 font-semibold text-white">
          Filter
        </button>
      </form>

      <p className="mt-6" role="status">
        {numberFormat.format(total)} {noun}
        {query.q ? ` matching “${query.q}”` : ""}
      </p>

      {rows.length > 0 ? (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-rule">
                <th scope="col" className="py-2 pr-4">Title</th>
                <th scope="col" className="py-2 pr-4">Type</th>
                <th scope="col" className="py-2 pr-4">Status</th>
                <th scope="col" className="py-2 pr-4">Authors</th>
                <th scope="col" className="py-2">Updated</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-rule align-top">
                  <td className="py-2 pr-4">
                    <Link href={`/admin/publications/${row.id}`} className="text-accent underline-offset-4 hover:underline">
                      {row.title}
                    </Link>
                  </td>
                  <td className="py-2 pr-4">{row.type.name}</td>
                  <td className="py-2 pr-4">{STATUS_LABELS[row.status]}</td>
                  <td className="py-2 pr-4">{row.authors.map((credit) => credit.author.name).join(", ") || "—"}</td>
                  <td className="py-2">
                    <time dateTime={row.updatedAt.toISOString()}>{dateFormat.format(row.updatedAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

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
