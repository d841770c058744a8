import type { Metadata } from "next";
import { linkClass } from "@/components/admin/form-styles";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Export" };

/** The full export and the WordPress file (ADMIN only); each download is in the audit log. */
export default async function ExportPage() {
  await requirePermission("site.export", "/admin/export");
  return (
    <>
      <h1 className="text-2xl font-bold">Export</h1>
      <p className="mt-2 max-w-2xl text-muted">
        Your institute&rsquo;s data is always yours to take away. Each download reads the site as of one moment, while
        it keeps running, and is recorded in the audit log.
      </p>
      <section aria-labelledby="full-export" className="mt-8 max-w-2xl">
        <h2 id="full-export" className="text-xl font-bold">
          Full export
        </h2>
        <p className="mt-1">
          Everything, in an open format (JSON Lines in a .tar.gz, described in the README): publications with their
          documents and HTML, pages, authors, topics, series, media files, redirects, subscribers with their consent
          records, events with speakers and registrations, and settings. Passwords, second-factor keys and other
          credentials are left out. Another Quire site reads it with <code>npm run import:quire</code>.
        </p>
        <p className="mt-3">
          <a href="/admin/export/download?format=quire" download className={linkClass}>
            Download the full export (.tar.gz)
          </a>
        </p>
      </section>
      <section aria-labelledby="wxr-export" className="mt-8 max-w-2xl">
        <h2 id="wxr-export" className="text-xl font-bold">
          WordPress (WXR 1.2)
        </h2>
        <p className="mt-1">
          Publications as posts with their topics (categories), series and keywords (tags), authors and featured images,
          pages, and the media library as attachments, for WordPress&rsquo;s importer (Tools → Import → WordPress).
          Media files are fetched by WordPress from this site&rsquo;s addresses, so keep it running while you import.
        </p>
        <p className="mt-3">
          <a href="/admin/export/download?format=wxr" download className={linkClass}>
            Download for WordPress (.xml)
          </a>
        </p>
      </section>
    </>
  );
}
