import { ProfileDetails, ProfileHeader } from "@/components/public/expert-profile";
import { taxonomyListingPage } from "@/components/public/taxonomy-listing-page";
import { getAuthor } from "@/lib/data/taxonomy";

const listing = taxonomyListingPage({
  basePath: "/authors",
  kicker: "Author",
  load: getAuthor,
  filter: (slug) => ({ author: slug }),
  description: (author) => author.bio,
  regionLabel: (author) => `Publications by ${author.name}`,
  header: (author) => <ProfileHeader author={author} />,
  lead: (author) => <ProfileDetails author={author} />,
});

export const generateMetadata = listing.generateMetadata;
export default listing.Page;
