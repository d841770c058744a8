import type { Metadata } from "next";
import { ArchiveView } from "@/components/public/archive-view";
import { parseArchiveQuery } from "@/lib/validations/archive";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Publications", alternates: { canonical: "/publications" } };

/**
 * Requests for /publications are normally rewritten by proxy.ts to the cached
 * /publications/view/[query] route; this renders the same view if one ever arrives here.
 */
export default async function ArchivePage({ searchParams }: Props) {
  return <ArchiveView query={parseArchiveQuery(await searchParams)} />;
}
