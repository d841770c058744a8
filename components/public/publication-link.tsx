import type { ReactNode } from "react";
import { publicationPath } from "@/lib/format/paths";

/** Whether `href` is a publication's page (not the archive, /publications?…). */
export const isPublicationPage = (href: string) => /^\/publications\/[^/?#]+$/.test(href);

/**
 * A link to a publication's page. A plain <a>, not next/link: that page is served without
 * React (pages/publications/[slug].tsx), so the App Router can neither prefetch it nor
 * open it in place, and next/link would fetch it twice.
 */
export function PublicationLink({
  slug,
  className,
  children,
}: {
  slug: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a href={publicationPath(slug)} className={className}>
      {children}
    </a>
  );
}
