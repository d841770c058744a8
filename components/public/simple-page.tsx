import type { PublicPage } from "@/lib/data/pages";

/** A simple page's title and body (HTML sanitized when it was saved). */
export function SimplePage({ page }: { page: PublicPage }) {
  return (
    <article aria-labelledby="page-heading" className="prose-body max-w-2xl">
      <h1 id="page-heading" className="mb-6 font-serif text-3xl font-bold">
        {page.title}
      </h1>
      <div dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
    </article>
  );
}
