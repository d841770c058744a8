import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import type { ReactNode } from "react";
import { ArchiveListing } from "@/components/public/archive-listing";
import { ListingHeader } from "@/components/public/listing-header";
import { getArchivePage } from "@/lib/data/archive";
import { getRedirect } from "@/lib/data/publications";
import { getArchiveFilterOptions } from "@/lib/data/taxonomy";
import { filtersNameKnownTerms, type ArchiveFilters } from "@/lib/validations/archive";
import { listingHref, listingSlugSchema, parseListingPage } from "@/lib/validations/listing";

type Entity = { slug: string; name: string };

type Config<T extends Entity> = {
  /** e.g. "/categories": the page lives at `${basePath}/[slug]`, its feeds below it. */
  basePath: string;
  kicker: string;
  load: (slug: string) => Promise<T | null>;
  filter: (slug: string) => ArchiveFilters;
  description: (entity: T) => string;
  regionLabel: (entity: T) => string;
  /** Shown under the heading (an author's title line and photo). */
  header?: (entity: T) => ReactNode;
  /** Shown between the header and the list on the first page (a topic's lead story; an expert's profile). */
  lead?: (entity: T) => ReactNode;
};

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * The page and metadata of a topic, author or series: header, feeds and a paginated
 * listing; a 308 to the new address when it was renamed or merged into another (Redirect);
 * 404 for an unknown slug or a page past the last.
 */
export function taxonomyListingPage<T extends Entity>(config: Config<T>) {
  /**
   * The entity, or null. A slug that is not one of the known terms (one cached list) is
   * never looked up on its own, so made-up slugs leave nothing in the cache.
   */
  async function find(params: Props["params"]): Promise<{ entity: T | null; slug: string | null }> {
    const slug = listingSlugSchema.safeParse((await params).slug);
    if (!slug.success) return { entity: null, slug: null };
    const known = filtersNameKnownTerms(config.filter(slug.data), await getArchiveFilterOptions());
    return { entity: known ? await config.load(slug.data) : null, slug: slug.data };
  }

  async function load(params: Props["params"]): Promise<T> {
    const { entity, slug } = await find(params);
    if (entity) return entity;
    const movedTo = slug && (await getRedirect(`${config.basePath}/${slug}`));
    if (movedTo) permanentRedirect(movedTo);
    notFound();
  }

  async function generateMetadata({ params }: Props): Promise<Metadata> {
    // The page itself answers 404s and redirects; answering them here too doubles the Location header.
    const { entity } = await find(params);
    if (!entity) return {};
    const path = `${config.basePath}/${entity.slug}`;
    return {
      title: entity.name,
      description: config.description(entity),
      alternates: {
        canonical: path,
        types: { "application/rss+xml": `${path}/feed.xml`, "application/atom+xml": `${path}/atom.xml` },
      },
    };
  }

  async function Page({ params, searchParams }: Props) {
    const entity = await load(params);
    const page = parseListingPage(await searchParams);
    const archive = await getArchivePage(config.filter(entity.slug), page);
    if (page > archive.pageCount) notFound();
    const path = `${config.basePath}/${entity.slug}`;
    return (
      <>
        <ListingHeader
          kicker={config.kicker}
          title={entity.name}
          description={config.description(entity)}
          total={archive.total}
          feedBase={path}
        >
          {config.header?.(entity)}
        </ListingHeader>
        {page === 1 && config.lead?.(entity)}
        <ArchiveListing
          archive={archive}
          hrefFor={(number) => listingHref(path, number)}
          label={config.regionLabel(entity)}
        />
      </>
    );
  }

  return { generateMetadata, Page };
}
