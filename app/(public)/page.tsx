import { connection } from "next/server";
import { PublicationList } from "@/components/public/publication-list";
import { countPublishedPublications, getLatestPublications } from "@/lib/data/publications";
import { pluralize } from "@/lib/format/numbers";

export default async function HomePage() {
  await connection(); // read at request time: the full reader (cached, tag-invalidated) is its own piece of work
  const [latest, total] = await Promise.all([getLatestPublications(20), countPublishedPublications()]);
  return (
    <>
      <h1 className="font-serif text-3xl font-bold">Latest publications</h1>
      <p className="mt-2 text-muted">Total Index: {pluralize(total, "publication")}</p>
      <section aria-label="Latest publications" className="mt-6">
        {latest.length > 0 ? <PublicationList publications={latest} /> : <p>Nothing has been published yet.</p>}
      </section>
    </>
  );
}
