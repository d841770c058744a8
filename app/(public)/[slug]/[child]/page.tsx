import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SimplePage } from "@/components/public/simple-page";
import { getPublicPage } from "@/lib/data/pages";

// Read per request: an unknown address must not fill the page cache.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; child: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, child } = await params;
  const page = await getPublicPage([slug, child]);
  return page ? { title: page.title, alternates: { canonical: `/${page.path}` } } : {};
}

/** A child page such as /about/staff. */
export default async function ChildPage({ params }: Props) {
  const { slug, child } = await params;
  const page = await getPublicPage([slug, child]);
  if (!page) notFound();
  return <SimplePage page={page} />;
}
