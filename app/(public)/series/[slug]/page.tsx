import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArchiveListing } from "@/components/public/archive-listing";
import { ListingHeader } from "@/components/public/listing-header";
import { getArchivePage } from "@/lib/data/archive";
import { getSeries } from "@/lib/data/taxonomy";
import { listingHref, listingSlugSchema, parseListingPage } from "@/lib/validations/listing";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(params: Props["params"]) {
  const slug = listingSlugSchema.safeParse((await params).slug);
  return (slug.success && (await getSeries(slug.data))) || notFound();
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const series = await load(params);
  return {
    title: series.name,
    description: series.description,
    alternates: { canonical: `/series/${series.slug}`, types: { "application/rss+xml": `/series/${series.slug}/feed.xml` } },
  };
}

export default async function SeriesPage({ params, searchParams }: Props) {
  const series = await load(params);
  const page = parseListingPage(await searchParams);
  const archive = await getArchivePage({ series: series.slug }, page);
  const basePath = `/series/${series.slug}`;
  return (
    <>
      <ListingHeader kicker="Series" title={series.name} description={series.description} total={archive.total} feedBase={basePath} />
      <ArchiveListing archive={archive} hrefFor={(number) => listingHref(basePath, number)} label={`Posts in ${series.name}`} />
    </>
  );
}
