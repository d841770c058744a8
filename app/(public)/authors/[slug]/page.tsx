import { taxonomyListingPage } from "@/components/public/taxonomy-listing-page";
import { getAuthor } from "@/lib/data/taxonomy";

const listing = taxonomyListingPage({
  basePath: "/authors",
  kicker: "Author",
  load: getAuthor,
  filter: (slug) => ({ author: slug }),
  description: (author) => author.bio,
  regionLabel: (author) => `Publications by ${author.name}`,
  header: (author) => (
    <>
      {(author.title || author.affiliation) && (
        <p className="mt-1 text-lg text-muted">{[author.title, author.affiliation].filter(Boolean).join(" at ")}</p>
      )}
      {author.photoUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- staff-uploaded portrait, fixed size
        <img
          src={author.photoUrl}
          alt={`Portrait of ${author.name}`}
          width={120}
          height={120}
          className="mt-4 rounded-full"
        />
      )}
    </>
  ),
});

export const generateMetadata = listing.generateMetadata;
export default listing.Page;
