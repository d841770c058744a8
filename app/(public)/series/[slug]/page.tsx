import { taxonomyListingPage } from "@/components/public/taxonomy-listing-page";
import { getSeries } from "@/lib/data/taxonomy";

const listing = taxonomyListingPage({
  basePath: "/series",
  kicker: "Series",
  load: getSeries,
  filter: (slug) => ({ series: slug }),
  description: (series) => series.description,
  regionLabel: (series) => `Posts in ${series.name}`,
});

export const generateMetadata = listing.generateMetadata;
export default listing.Page;
