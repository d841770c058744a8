import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArchiveListing } from "@/components/public/archive-listing";
import { ListingHeader } from "@/components/public/listing-header";
import { getArchivePage } from "@/lib/data/archive";
import { getAuthor } from "@/lib/data/taxonomy";
import { listingHref, listingSlugSchema, parseListingPage } from "@/lib/validations/listing";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(params: Props["params"]) {
  const slug = listingSlugSchema.safeParse((await params).slug);
  return (slug.success && (await getAuthor(slug.data))) || notFound();
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const author = await load(params);
  return {
    title: author.name,
    description: author.bio,
    alternates: { canonical: `/authors/${author.slug}`, types: { "application/rss+xml": `/authors/${author.slug}/feed.xml` } },
  };
}

export default async function AuthorPage({ params, searchParams }: Props) {
  const author = await load(params);
  const page = parseListingPage(await searchParams);
  const archive = await getArchivePage({ author: author.slug }, page);
  const basePath = `/authors/${author.slug}`;
  const titleLine = [author.title, author.affiliation].filter(Boolean).join(" at ");
  return (
    <>
      <ListingHeader kicker="Author" title={author.name} description={author.bio} total={archive.total} feedBase={basePath}>
        {titleLine && <p className="mt-1 text-lg text-muted">{titleLine}</p>}
        {author.photoUrl && (
          // eslint-disable-next-line @next/next/no-img-element -- staff-uploaded portrait, fixed size
          <img src={author.photoUrl} alt={`Portrait of ${author.name}`} width={120} height={120} className="mt-4 rounded-full" />
        )}
      </ListingHeader>
      <ArchiveListing archive={archive} hrefFor={(number) => listingHref(basePath, number)} label={`Publications by ${author.name}`} />
    </>
  );
}
