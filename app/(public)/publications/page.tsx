import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArchiveView, loadArchive } from "@/components/public/archive-view";
import { parseArchiveQuery } from "@/lib/validations/archive";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Publications", alternates: { canonical: "/publications" } };

/**
 * Requests for /publications are normally rewritten by proxy.ts to the cached
 * /publications/view/[query] route; this renders the same view if one ever arrives here
 * (page=1, a malformed page, which means page 1, or a page past the rewrite's range).
 */
export default async function ArchivePage({ searchParams }: Props) {
  const data = await loadArchive(parseArchiveQuery(await searchParams));
  if (!data) notFound();
  return <ArchiveView {...data} />;
}
