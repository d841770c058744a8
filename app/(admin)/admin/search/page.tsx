import type { Metadata } from "next";
import { rolesFor } from "@/lib/auth/permissions";
import { requireRoleFrom } from "@/lib/auth/session";
import { formatCount } from "@/lib/format/numbers";
import { formatAdminDate } from "@/lib/format/dates";
import { getSearchInsights } from "@/lib/search";
import type { QueryCount } from "@/lib/search/insights";
import { searchHref } from "@/lib/search/query";

export const metadata: Metadata = { title: "Search" };

const DAYS = 30;
const LIMIT = 50;

/** What readers search for, and what they search for in vain: queries and counts only, no people. */
export default async function SearchInsightsPage() {
  await requireRoleFrom("/admin/search", ...rolesFor("search.insights"));
  const insights = await getSearchInsights({ days: DAYS, limit: LIMIT });
  return (
    <>
      <h1 className="text-2xl font-bold">Search</h1>
      <p className="mt-2 text-sm text-muted">
        Searches on the public site over the last {DAYS} days (since {formatAdminDate(insights.since)}, UTC). Queries
        are stored lower-cased, without accents and without anything about who searched.
      </p>
      <div className="mt-8 grid gap-10 lg:grid-cols-2">
        <QueryTable
          id="top-searches"
          title="Top searches"
          caption="Most frequent searches"
          rows={insights.topSearches}
        />
        <QueryTable
          id="zero-result-searches"
          title="Searches with no results"
          caption="Most frequent searches that found nothing"
          rows={insights.zeroResultSearches}
        />
      </div>
    </>
  );
}

function QueryTable({ id, title, caption, rows }: { id: string; title: string; caption: string; rows: QueryCount[] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="text-xl font-bold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-4">None in this period.</p>
      ) : (
        <table className="mt-4 w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-rule">
              <th scope="col" className="py-2 pr-4">
                Query
              </th>
              <th scope="col" className="py-2 text-right">
                Searches
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.query} className="border-b border-rule">
                <td className="py-2 pr-4">
                  <a href={searchHref({ query: row.query, filters: {} })} className="text-accent underline">
                    {row.query}
                  </a>
                </td>
                <td className="py-2 text-right tabular-nums">{formatCount(row.searches)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
