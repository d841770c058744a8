import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArchiveListing } from "@/components/public/archive-listing";
import { ListingHeader } from "@/components/public/listing-header";
import { getArchivePage } from "@/lib/data/archive";
import { getCategory } from "@/lib/data/taxonomy";
import { listingHref, listingSlugSchema, parseListingPage } from "@/lib/validations/listing";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(params: Props["params"]) {
  const slug = listingSlugSchema.safeParse((await params).slug);
  return (slug.success && (await getCategory(slug.data))) || notFound();
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const category = await load(params);
  return {
    title: category.name,
    description: category.description,
    alternates: { canonical: `/categories/${category.slug}`, types: { "application/rss+xml": `/categories/${category.slug}/feed.xml` } },
  };
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const category = await load(params);
  const page = parseListingPage(await searchParams);
  const archive = await getArchivePage({ category: category.slug }, page);
  const basePath = `/categories/${category.slug}`;
  return (
    <>
      <ListingHeader kicker="Topic" title={category.name} description={category.description} total={archive.total} feedBase={basePath} />
      <ArchiveListing archive={archive} hrefFor={(number) => listingHref(basePath, number)} label={`Publications on ${category.name}`} />
    </>
  );
}
