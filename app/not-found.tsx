import Link from "next/link";
import { SearchBox } from "@/components/public/search-box";
import { SignupBox } from "@/components/public/signup-box";
import { SiteChrome } from "@/components/public/site-chrome";
import { getFeaturedSeries } from "@/lib/data/taxonomy";

export default async function NotFound() {
  return (
    <SiteChrome searchBox={<SearchBox />} signupBox={<SignupBox />} featuredSeries={await getFeaturedSeries()}>
      <section aria-labelledby="not-found-title" className="py-12">
        <h1 id="not-found-title" className="font-serif text-3xl font-bold">
          Page not found
        </h1>
        <p className="mt-4 text-muted">The page you were looking for does not exist or has moved.</p>
        <p className="mt-6">
          <Link href="/" className="text-accent underline">
            Go to the home page
          </Link>
        </p>
      </section>
    </SiteChrome>
  );
}
