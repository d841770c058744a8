/**
 * /experts with a name search (?q=, with or without filters): free text, so rendered per
 * request and never cached (proxy.ts sends every other /experts address to the cached
 * /experts/view/[query]). Served without React in the browser.
 */
import type { GetServerSideProps } from "next";
import { ExpertsPage } from "@/components/public/experts-page";
import { loadExpertsPage, type ExpertsPageData } from "@/lib/data/experts";
import { db } from "@/lib/db";
import { parseExpertQuery } from "@/lib/validations/experts";

export const config = { unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<ExpertsPageData> = async ({ query }) => {
  const parsed = parseExpertQuery(query);
  const data = parsed && (await loadExpertsPage(db, parsed));
  if (!data) return { notFound: true };
  return { props: JSON.parse(JSON.stringify(data)) as ExpertsPageData };
};

export default ExpertsPage;
