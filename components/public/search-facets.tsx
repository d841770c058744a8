import type { Facets, FacetKey, FacetValue, SearchSort } from "@/lib/search/engine";
import { formatFacetCount } from "@/lib/search/format";
import { searchHref } from "@/lib/search/query";
import { FILTER_KEYS, type ArchiveFilters } from "@/lib/validations/archive";

const LABELS: Record<FacetKey, string> = {
  type: "Type",
  category: "Topic",
  author: "Author",
  series: "Series",
  year: "Year",
};
// Links are plain <a>, not next/link: the results page runs no React in the browser, and
// next/link's work for each of the many facet values was a good part of the page's render.
/** Longer facets show this many values and fold the rest away. */
const VISIBLE_VALUES = 8;

type Current = { query: string; filters: ArchiveFilters; sort: SearchSort };

/** Each facet lists the values the current query has, with counts; choosing one keeps the query and the other filters. */
export function SearchFacets({ facets, current, estimates }: { facets: Facets; current: Current; estimates: boolean }) {
  const groups = FILTER_KEYS.filter((key) => facets[key].length > 0);
  if (groups.length === 0) return null;
  return (
    <nav aria-label="Refine results" className="space-y-6 text-sm">
      {estimates && <p className="text-muted">Counts are estimates for this many results.</p>}
      {groups.map((key) => (
        <FacetGroup key={key} facetKey={key} values={facets[key]} current={current} estimates={estimates} />
      ))}
    </nav>
  );
}

function FacetGroup({
  facetKey,
  values,
  current,
  estimates,
}: {
  facetKey: FacetKey;
  values: FacetValue[];
  current: Current;
  estimates: boolean;
}) {
  const selected = current.filters[facetKey] === undefined ? undefined : String(current.filters[facetKey]);
  const headingId = `facet-${facetKey}`;
  const item = (value: FacetValue) => (
    <li key={value.value}>
      <FacetLink
        facetKey={facetKey}
        value={value}
        current={current}
        selected={value.value === selected}
        estimates={estimates}
      />
    </li>
  );
  // The chosen value stays in view even when it is not among the first few.
  const shown = values.filter((value, index) => index < VISIBLE_VALUES || value.value === selected);
  const folded = values.filter((value) => !shown.includes(value));
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="font-semibold uppercase tracking-wide text-muted">
        {LABELS[facetKey]}
      </h2>
      <ul className="mt-2 space-y-1">{shown.map(item)}</ul>
      {folded.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer text-accent">
            {folded.length} more {LABELS[facetKey].toLowerCase()} values
          </summary>
          <ul className="mt-1 space-y-1">{folded.map(item)}</ul>
        </details>
      )}
    </section>
  );
}

function FacetLink({
  facetKey,
  value,
  current,
  selected,
  estimates,
}: {
  facetKey: FacetKey;
  value: FacetValue;
  current: Current;
  selected: boolean;
  estimates: boolean;
}) {
  const filterValue = facetKey === "year" ? Number(value.value) : value.value;
  const filters = { ...current.filters, [facetKey]: selected ? undefined : filterValue };
  return (
    <a
      href={searchHref({ ...current, filters })}
      aria-current={selected ? "true" : undefined}
      className={`flex justify-between gap-2 rounded px-1 py-0.5 hover:bg-gray-100 ${selected ? "font-semibold text-ink" : "text-accent"}`}
    >
      <span>{value.label}</span>{" "}
      <span className="tabular-nums text-muted">({formatFacetCount(value.count, estimates)})</span>
    </a>
  );
}

/** The filters in force, each removable, as on the archive. */
export function ActiveSearchFilters({ facets, current }: { facets: Facets; current: Current }) {
  const active = FILTER_KEYS.filter((key) => current.filters[key] !== undefined);
  if (active.length === 0) return null;
  const labelOf = (key: FacetKey) => {
    const value = String(current.filters[key]);
    return facets[key].find((entry) => entry.value === value)?.label ?? value;
  };
  return (
    <ul aria-label="Active filters" className="flex flex-wrap gap-2">
      {active.map((key) => (
        <li key={key}>
          <a
            href={searchHref({ ...current, filters: { ...current.filters, [key]: undefined } })}
            className="inline-flex items-center gap-2 rounded-full border border-accent px-3 py-1 text-sm text-accent hover:bg-blue-50"
            aria-label={`Remove filter ${LABELS[key]}: ${labelOf(key)}`}
          >
            {LABELS[key]}: {labelOf(key)} <span aria-hidden="true">×</span>
          </a>
        </li>
      ))}
      {active.length > 1 && (
        <li>
          <a
            href={searchHref({ query: current.query, filters: {}, sort: current.sort })}
            className="inline-flex px-3 py-1 text-sm underline"
          >
            Clear all
          </a>
        </li>
      )}
    </ul>
  );
}

/** Relevance or newest first; only meaningful with a query. */
export function SearchSortLinks({ current }: { current: Current }) {
  const options: Array<{ sort: SearchSort; label: string }> = [
    { sort: "relevance", label: "Relevance" },
    { sort: "newest", label: "Newest" },
  ];
  return (
    <nav aria-label="Sort results" className="flex items-center gap-2 text-sm">
      <span className="text-muted">Sort by</span>
      {options.map((option) =>
        option.sort === current.sort ? (
          <span
            key={option.sort}
            aria-current="true"
            className="rounded bg-accent px-2 py-0.5 font-semibold text-white"
          >
            {option.label}
          </span>
        ) : (
          <a
            key={option.sort}
            href={searchHref({ ...current, sort: option.sort })}
            className="rounded px-2 py-0.5 text-accent underline-offset-2 hover:underline"
          >
            {option.label}
          </a>
        ),
      )}
    </nav>
  );
}
