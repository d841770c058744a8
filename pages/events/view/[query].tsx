/**
 * /events (rewritten by next.config.js to the key "all") and /events?topic=…&year=…&page=…
 * (rewritten by proxy.ts): the query travels as one path segment, so each filter set and
 * page is rendered once and cached, until content changes, an event starts or ends
 * (lib/events/jobs.ts), or an hour passes. A page without React in the browser. Only keys
 * those rewrites write, naming a topic and year that have events and a page that exists,
 * render; any other answers 404, which the page cache does not keep.
 */
import type { GetStaticPaths, GetStaticProps } from "next";
import { EventsPage } from "@/components/public/events-page";
import { PUBLIC_REVALIDATE_SECONDS } from "@/lib/cache/tags.mjs";
import { loadEventsPage, type EventsPageData } from "@/lib/data/events";
import { db } from "@/lib/db";
import { canonicalEventsQuery } from "@/lib/validations/events-listing";

export const config = { unstable_runtimeJS: false };

export const getStaticPaths: GetStaticPaths = async () => ({ paths: [], fallback: "blocking" });

export const getStaticProps: GetStaticProps<EventsPageData, { query: string }> = async ({ params }) => {
  const revalidate = PUBLIC_REVALIDATE_SECONDS;
  const query = typeof params?.query === "string" ? canonicalEventsQuery(params.query) : null;
  const data = query && (await loadEventsPage(db, query));
  if (!data) return { notFound: true, revalidate };
  return { props: JSON.parse(JSON.stringify(data)) as EventsPageData, revalidate };
};

export default EventsPage;
