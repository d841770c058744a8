import type { ReactNode } from "react";
import { publicationHref } from "@/lib/format/paths";

/** Whether `href` is a publication's page (not the archive, /publications?…). */
export const isPublicationPage = (href: string) => /^\/publications\/[^/?#]+$/.test(href);

/**
 * A link to a publication's page, or an event's (`typeSlug` "event": /events/<slug>). A
 * plain <a>, not next/link: those pages are served without React (pages/), so the App
 * Router can neither prefetch them nor open them in place, and next/link would fetch them twice.
 */
export function PublicationLink({
  slug,
  typeSlug,
  className,
  children,
}: {
  slug: string;
  /** The publication's type (PublicationType.slug): events live at their own address. */
  typeSlug: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a href={publicationHref(slug, typeSlug)} className={className}>
      {children}
    </a>
  );
}
