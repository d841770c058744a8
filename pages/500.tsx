import Head from "next/head";
import Link from "next/link";
import { InlineEnhancements } from "@/components/public/inline-enhancements";
import { SearchForm } from "@/components/public/search-form";
import { SignupPostBox } from "@/components/public/signup-post-form";
import { SiteChrome } from "@/components/public/site-chrome";
import { env } from "@/lib/env";

/**
 * Shown in the site's layout when the publication page (pages/) fails; no details reach
 * the reader. Built once, without the database, so its signup box offers no topic
 * choice (a signup then gets every topic). App Router pages use app/(public)/error.tsx.
 */
export const config = { unstable_runtimeJS: false };

export default function ServerError() {
  return (
    <>
      <Head>
        <title>{`Something went wrong | ${env.SITE_NAME}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
      </Head>
      <SiteChrome searchBox={<SearchForm />} signupBox={<SignupPostBox topics={[]} />}>
        <section aria-labelledby="error-title" className="py-12">
          <h1 id="error-title" className="font-serif text-3xl font-bold">
            Something went wrong
          </h1>
          <p className="mt-4 text-muted">This page could not be shown just now. Please try again in a moment.</p>
          <p className="mt-6">
            <Link href="/" className="text-accent underline">
              Go to the home page
            </Link>
          </p>
        </section>
      </SiteChrome>
      <InlineEnhancements />
    </>
  );
}
