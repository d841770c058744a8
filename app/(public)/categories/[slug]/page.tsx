import { taxonomyListingPage } from "@/components/public/taxonomy-listing-page";
import { TopicLead } from "@/components/public/topic-lead";
import { getCategory } from "@/lib/data/taxonomy";

const listing = taxonomyListingPage({
  basePath: "/categories",
  kicker: "Topic",
  load: getCategory,
  filter: (slug) => ({ category: slug }),
  description: (category) => category.description,
  regionLabel: (category) => `Publications on ${category.name}`,
  lead: (category) => <TopicLead slug={category.slug} />,
});

export const generateMetadata = listing.generateMetadata;
export default listing.Page;
