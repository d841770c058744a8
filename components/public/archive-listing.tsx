import { Pagination } from "@/components/public/pagination";
import { PublicationList } from "@/components/public/publication-list";
import type { ArchivePage } from "@/lib/data/archive";
import { pluralize } from "@/lib/format/numbers";

/** A page of an archive listing: the count, the items (or why there are none) and pagination. */
export function ArchiveListing({
  archive,
  hrefFor,
  label,
}: {
  archive: ArchivePage;
  hrefFor: (page: number) => string;
  label: string;
}) {
  return (
    <section aria-label={label} className="mt-6">
      {archive.items.length > 0 ? (
        <PublicationList publications={archive.items} headingLevel={2} />
      ) : archive.total > 0 ? (
        <p className="py-6">
          There is no page {archive.page} here; the listing has {pluralize(archive.pageCount, "page")}.{" "}
          <a href={hrefFor(1)} className="text-accent underline">
            Go to the first page
          </a>
          .
        </p>
      ) : (
        <p className="py-6">No publications match these filters.</p>
      )}
      <Pagination page={archive.page} pageCount={archive.pageCount} hrefFor={hrefFor} />
    </section>
  );
}
