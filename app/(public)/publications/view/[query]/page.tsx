import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArchiveView, loadArchive } from "@/components/public/archive-view";
import { canonicalArchiveQuery } from "@/lib/validations/archive";

// Each filter set and page is rendered once, then served from cache until content changes.
export const revalidate = 3600;
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ query: string }> };

export const metadata: Metadata = { title: "Publications", alternates: { canonical: "/publications" } };

/**
 * /publications?… as rewritten by proxy.ts: the query string travels as one path segment.
 * Only keys proxy.ts writes, naming terms that exist and a page that exists, render; any
 * other answers 404, which the cache handler does not keep (lib/cache/memory-cache-handler.mjs),
 * so made-up addresses cost a render each but never memory.
 */
export default async function CachedArchivePage({ params }: Props) {
  const query = canonicalArchiveQuery((await params).query);
  const data = query && (await loadArchive(query));
  if (!data) notFound();
  return <ArchiveView {...data} />;
}
