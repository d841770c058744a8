import Link from "next/link";
import { PublicationLink } from "@/components/public/publication-link";
import { PublicationList } from "@/components/public/publication-list";
import { getHomePage } from "@/lib/data/publications";
import { getCategoriesWithCounts } from "@/lib/data/taxonomy";
import { formatCount, pluralize } from "@/lib/format/numbers";
import { archiveHref } from "@/lib/validations/archive";

// Rendered once, then served from cache until content changes (tags) or an hour passes.
export const revalidate = 3600;

export default async function HomePage() {
  const [home, topics] = await Promise.all([getHomePage(), getCategoriesWithCounts()]);
  return (
    <>
      <h1 className="sr-only">Latest research and commentary</h1>
      <p className="text-sm text-muted">
        <Link href="/publications" className="underline">
          Total Index: {pluralize(home.total, "publication")}
        </Link>
      </p>

      {home.featured.length > 0 && (
        <section aria-labelledby="featured-heading" className="mt-6">
          <h2 id="featured-heading" className="font-serif text-2xl font-bold">
            Featured
          </h2>
          <PublicationList publications={home.featured} />
        </section>
      )}

      <div className="mt-10 grid gap-10 lg:grid-cols-3">
        <section aria-labelledby="latest-heading" className="lg:col-span-2">
          <h2 id="latest-heading" className="font-serif text-2xl font-bold">
            Latest publications
          </h2>
          <PublicationList publications={home.latest} />
          <p className="mt-4">
            <Link href="/publications" className="text-accent underline">
              Browse all publications
            </Link>
          </p>
        </section>

        <aside className="space-y-10">
          {home.featuredSeries && home.featuredSeries.items.length > 0 && (
            <section aria-labelledby="featured-series-heading">
              <h2 id="featured-series-heading" className="font-serif text-xl font-bold">
                <Link href={`/series/${home.featuredSeries.slug}`} className="hover:underline">
                  {home.featuredSeries.name}
                </Link>
              </h2>
              <PublicationList publications={home.featuredSeries.items} showSummary={false} />
            </section>
          )}
          <section aria-labelledby="topics-heading">
            <h2 id="topics-heading" className="font-serif text-xl font-bold">
              Topics
            </h2>
            <ul className="mt-3 space-y-2">
              {topics.map((topic) => (
                <li key={topic.slug}>
                  <Link href={`/categories/${topic.slug}`} className="text-accent hover:underline">
                    {topic.name} ({formatCount(topic.count)})
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>

      <section aria-labelledby="by-type-heading" className="mt-12">
        <h2 id="by-type-heading" className="font-serif text-2xl font-bold">
          By type
        </h2>
        <div className="mt-4 grid gap-8 md:grid-cols-2">
          {home.latestByType.map(({ type, items }) => (
            <section key={type.slug} aria-labelledby={`type-${type.slug}`}>
              <h3 id={`type-${type.slug}`} className="border-b border-rule pb-1 text-lg font-bold">
                <Link href={archiveHref({ type: type.slug })} className="hover:underline">
                  {type.pluralName}
                </Link>
              </h3>
              <ul className="mt-2 space-y-2">
                {items.map((item) => (
                  <li key={item.id}>
                    <PublicationLink slug={item.slug} typeSlug={item.type.slug} className="hover:underline">
                      {item.title}
                    </PublicationLink>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </section>
    </>
  );
}
