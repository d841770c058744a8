import { ArchiveListing } from "@/components/public/archive-listing";
import { ActiveFilterChips, ArchiveFilterForm } from "@/components/public/archive-filters";
import type { ArchiveViewData } from "@/lib/data/archive";
import { pluralize } from "@/lib/format/numbers";
import { archiveHref } from "@/lib/validations/archive";

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
