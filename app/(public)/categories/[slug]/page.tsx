import { taxonomyListingPage } from "@/components/public/taxonomy-listing-page";
import { getCategory } from "@/lib/data/taxonomy";

const listing = taxonomyListingPage({
  basePath: "/categories",
  kicker: "Topic",
  load: getCategory,
  filter: (slug) => ({ category: slug }),
  description: (category) => category.description,
  regionLabel: (category) => `Publications on ${category.name}`,
});

export const generateMetadata = listing.generateMetadata;
export default listing.Page;
