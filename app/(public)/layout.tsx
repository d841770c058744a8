import type { ReactNode } from "react";
import { SearchBox } from "@/components/public/search-box";
import { SignupBox } from "@/components/public/signup-box";
import { SiteChrome } from "@/components/public/site-chrome";
import { getFeaturedSeries } from "@/lib/data/taxonomy";

export default async function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <SiteChrome searchBox={<SearchBox />} signupBox={<SignupBox />} featuredSeries={await getFeaturedSeries()}>
      {children}
    </SiteChrome>
  );
}
