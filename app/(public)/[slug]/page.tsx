import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SimplePage } from "@/components/public/simple-page";
import { getPublicPage } from "@/lib/data/pages";

// Read per request: an unknown address must not fill the page cache.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const page = await getPublicPage([slug]);
  return page ? { title: page.title, alternates: { canonical: `/${page.path}` } } : {};
}

/** A top-level simple page such as /about (first segments of other routes are reserved). */
export default async function TopLevelPage({ params }: Props) {
  const { slug } = await params;
  const page = await getPublicPage([slug]);
  if (!page) notFound();
  return <SimplePage page={page} />;
}
