import { Pagination } from "@/components/public/pagination";
import { PublicationList } from "@/components/public/publication-list";
import type { ArchivePage } from "@/lib/data/archive";

/** A page of an archive listing (pages past the last answer 404 before this): the items, or none, and pagination. */
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
      ) : (
        <p className="py-6">No publications match these filters.</p>
      )}
      <Pagination page={archive.page} pageCount={archive.pageCount} hrefFor={hrefFor} />
    </section>
  );
}
