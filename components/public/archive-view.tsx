import { ArchiveListing } from "@/components/public/archive-listing";
import { ActiveFilterChips, ArchiveFilterForm } from "@/components/public/archive-filters";
import { getArchivePage, type ArchivePage } from "@/lib/data/archive";
import { getArchiveFilterOptions, type ArchiveFilterOptions } from "@/lib/data/taxonomy";
import { pluralize } from "@/lib/format/numbers";
import { archiveHref, filtersNameKnownTerms, type ArchiveFilters, type ArchiveQuery } from "@/lib/validations/archive";

export type ArchiveViewData = { filters: ArchiveFilters; options: ArchiveFilterOptions; archive: ArchivePage };

/**
 * What the archive shows for a query, or null (the page answers 404) when a filter names
 * a type, topic, author, series or year that does not exist, or the page is past the last:
 * every page the archive renders, and the cache keeps, is one a link of the site leads to.
 */
export async function loadArchive(query: ArchiveQuery): Promise<ArchiveViewData | null> {
  const { page, ...filters } = query;
  const options = await getArchiveFilterOptions();
  if (!filtersNameKnownTerms(filters, options)) return null;
  const archive = await getArchivePage(filters, page);
  if (page > archive.pageCount) return null;
  return { filters, options, archive };
}

/** The archive at /publications: count, filters, chips, one page of results. */
export function ArchiveView({ filters, options, archive }: ArchiveViewData) {
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <h1 className="font-serif text-3xl font-bold">Publications</h1>
      <p className="mt-2 text-muted" role="status">
        {filtered
          ? `${pluralize(archive.total, "publication")} found`
          : `Total Index: ${pluralize(archive.total, "publication")}`}
      </p>
      <div className="mt-6">
        <ArchiveFilterForm filters={filters} options={options} />
        <ActiveFilterChips filters={filters} options={options} />
      </div>
      <ArchiveListing archive={archive} hrefFor={(number) => archiveHref(filters, number)} label="Publications" />
    </>
  );
}
