import type { Metadata } from "next";
import { ArchiveView } from "@/components/public/archive-view";
import { archiveQueryFromKey } from "@/lib/validations/archive";

// Each filter set and page is rendered once, then served from cache until content changes.
export const revalidate = 3600;
export async function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ query: string }> };

export const metadata: Metadata = { title: "Publications", alternates: { canonical: "/publications" } };

/** /publications?… as rewritten by proxy.ts: the query string travels as one path segment. */
export default async function CachedArchivePage({ params }: Props) {
  return <ArchiveView query={archiveQueryFromKey((await params).query)} />;
}
