import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PublicationArticle } from "@/components/public/publication-article";
import { getPublicationForPreview } from "@/lib/data/publications";
import { verifyPreviewToken } from "@/lib/publications/preview";

// Unpublished work: rendered for each request, never cached, never indexed.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Preview", robots: { index: false, follow: false, nocache: true } };

/** A private preview link (lib/publications/preview.ts): the publication exactly as its public page shows it. */
export default async function PreviewPage({ params }: { params: Promise<{ token: string }> }) {
  const id = verifyPreviewToken((await params).token);
  if (id === null) notFound();
  const publication = await getPublicationForPreview(id);
  if (!publication) notFound();
  return (
    <>
      <p role="note" className="mb-6 rounded border border-amber-600 bg-amber-50 px-4 py-2 text-sm text-ink">
        Preview: how this publication looks on the public site. This link is private and expires.
      </p>
      <PublicationArticle publication={publication} related={[]} />
    </>
  );
}
