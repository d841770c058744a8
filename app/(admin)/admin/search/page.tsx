import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { formatCount } from "@/lib/format/numbers";
import { formatAdminDate } from "@/lib/format/dates";
import { getSearchInsights } from "@/lib/search";
import type { QueryCount } from "@/lib/search/insights";
import { searchHref } from "@/lib/search/query";
import { ActionForm } from "@/components/admin/action-form";
import { DataTable } from "@/components/ui/data-table";
import { labelClass, TextField } from "@/components/ui/text-field";
import { addSynonymAction, removeSynonymAction } from "@/lib/actions/search/synonyms";
import { db } from "@/lib/db";
import { listSynonyms, type StoredSynonym } from "@/lib/search/synonym-admin";
import { MAX_ALTERNATIVES, MAX_SYNONYM_LENGTH } from "@/lib/validations/search-synonyms";

export const metadata: Metadata = { title: "Search" };

const DAYS = 30;
const LIMIT = 50;

/**
 * What readers search for, and what they search for in vain: queries and counts only, no
 * people. Below, the synonyms and acronyms searches are widened with.
 */
export default async function SearchInsightsPage() {
  await requirePermission("search.insights", "/admin/search");
  const [insights, synonyms] = await Promise.all([getSearchInsights({ days: DAYS, limit: LIMIT }), listSynonyms(db)]);
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
      <Synonyms synonyms={synonyms} />
    </>
  );
}

/** The synonyms list, with a form to add one and a button to remove each. */
function Synonyms({ synonyms }: { synonyms: StoredSynonym[] }) {
  return (
    <section aria-labelledby="synonyms" className="mt-12">
      <h2 id="synonyms" className="text-xl font-bold">
        Synonyms and acronyms
      </h2>
      <p className="mt-2 max-w-3xl text-sm text-muted">
        Applied to every search as it is made, with no reindexing. Two-way: each finds the others (“DPRK” = “North
        Korea”). One-way: the term finds its alternatives, not the reverse (“peninsula” → “Korean Peninsula”). Acronyms
        that are also English words (US, WHO) apply only when typed in capitals. The results page says when a synonym
        was used.
      </p>
      <ActionForm action={addSynonymAction} submitLabel="Add synonym" className="mt-4 max-w-2xl space-y-4">
        <TextField id="synonym-term" name="term" label="Term" required maxLength={MAX_SYNONYM_LENGTH} />
        <TextField
          as="textarea"
          id="synonym-alternatives"
          name="alternatives"
          label="Also means"
          hint="One word or phrase per line."
          required
          rows={3}
          maxLength={MAX_ALTERNATIVES * (MAX_SYNONYM_LENGTH + 2)}
        />
        <fieldset>
          <legend className={labelClass}>Direction</legend>
          <div className="mt-1 flex flex-wrap gap-6">
            <label className="flex items-center gap-2">
              <input type="radio" name="direction" value="two-way" defaultChecked /> Two-way (each finds the others)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="direction" value="one-way" /> One-way (the term finds the alternatives)
            </label>
          </div>
        </fieldset>
      </ActionForm>
      <DataTable
        caption="Synonyms searches use"
        rows={synonyms}
        rowKey={(row) => String(row.id)}
        empty="No synonyms yet."
        className="mt-6"
        columns={[
          { header: "Term", cell: (row) => row.term },
          { header: "Direction", cell: (row) => (row.twoWay ? "= two-way" : "→ one-way") },
          { header: "Also means", cell: (row) => row.alternatives.join(", ") },
          {
            header: "Remove",
            cell: (row) => (
              <ActionForm
                action={removeSynonymAction}
                submitLabel={`Remove “${row.term}”`}
                tone="secondary"
                className=""
              >
                <input type="hidden" name="id" value={row.id} />
              </ActionForm>
            ),
          },
        ]}
      />
    </section>
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
