/**
 * /experts?topic=…&language=… as rewritten by proxy.ts (and /experts alone, by next.config.js):
 * the filters travel as one path segment, so each filter set is rendered once and served
 * from the page cache. Only keys written as expertFiltersKey writes them, naming a topic and
 * a language the directory offers, render; any other is a 404, which the cache does not keep.
 * Served without React in the browser, like the publication page.
 */
import type { GetStaticPaths, GetStaticProps } from "next";
import { ExpertsPage } from "@/components/public/experts-page";
import { PUBLIC_REVALIDATE_SECONDS } from "@/lib/cache/tags.mjs";
import { loadExpertsPage, type ExpertsPageData } from "@/lib/data/experts";
import { db } from "@/lib/db";
import { canonicalExpertFilters } from "@/lib/validations/experts";

export const config = { unstable_runtimeJS: false };

export const getStaticPaths: GetStaticPaths = async () => ({ paths: [], fallback: "blocking" });

export const getStaticProps: GetStaticProps<ExpertsPageData, { query: string }> = async ({ params }) => {
  const revalidate = PUBLIC_REVALIDATE_SECONDS;
  const filters = typeof params?.query === "string" ? canonicalExpertFilters(params.query) : null;
  const data = filters && (await loadExpertsPage(db, filters));
  if (!data) return { notFound: true, revalidate };
  return { props: JSON.parse(JSON.stringify(data)) as ExpertsPageData, revalidate };
};

export default ExpertsPage;
