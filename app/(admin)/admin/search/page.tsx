import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { formatCount } from "@/lib/format/numbers";
import { formatAdminDate } from "@/lib/format/dates";
import { getSearchInsights } from "@/lib/search";
import type { QueryCount } from "@/lib/search/insights";
import { searchHref } from "@/lib/search/query";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Search" };

const DAYS = 30;
const LIMIT = 50;

/** What readers search for, and what they search for in vain: queries and counts only, no people. */
export default async function SearchInsightsPage() {
  await requirePermission("search.insights", "/admin/search");
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
      <DataTable
        caption={caption}
        rows={rows}
        rowKey={(row) => row.query}
        empty="None in this period."
        className="mt-4"
        columns={[
          {
            header: "Query",
            cell: (row) => (
              <a href={searchHref({ query: row.query, filters: {} })} className="text-accent underline">
                {row.query}
              </a>
            ),
          },
          { header: "Searches", align: "right", className: "tabular-nums", cell: (row) => formatCount(row.searches) },
        ]}
      />
    </section>
  );
}
