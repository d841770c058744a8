import type { Metadata } from "next";
import Link from "next/link";
import { linkClass } from "@/components/admin/form-styles";
import { labelClass } from "@/components/ui/text-field";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatAdminDateTime } from "@/lib/format/dates";
import { formatCount } from "@/lib/format/numbers";

export const metadata: Metadata = { title: "Import from WordPress" };

const STATUS_LABELS: Record<string, string> = {
  queued: "Waiting",
  running: "Importing",
  finished: "Done",
  failed: "Failed",
};

export default async function WordPressImportPage() {
  await requirePermission("import.manage", "/admin/import");
  const runs = await db.wordPressImport.findMany({
    orderBy: { id: "desc" },
    take: 10,
    select: { id: true, filename: true, status: true, dryRun: true, itemsProcessed: true, createdAt: true },
  });
  return (
    <>
      <h1 className="text-2xl font-bold">Import from WordPress</h1>
      <p className="mt-2 max-w-2xl">
        Upload the file WordPress makes under Tools → Export (“All content”), as it is or compressed with gzip. Posts
        become publications, pages become pages, categories topics, tags search keywords; drafts, private and scheduled
        posts stay out of public view, and the old addresses keep working. Importing the same file again changes
        nothing; a newer export updates what changed, except what was edited here since. Images are fetched from the old
        site while it is still online (only from its own addresses), or come across with
        <code className="mx-1">npm run import:wordpress -- FILE --uploads DIR</code>
        on the server, from a copy of wp-content/uploads.
      </p>
      <form method="post" action="/api/admin/import" encType="multipart/form-data" className="mt-6 max-w-2xl space-y-3">
        <div>
          <label htmlFor="wordpress-export" className={labelClass}>
            WordPress export file
          </label>
          <input
            id="wordpress-export"
            name="file"
            type="file"
            accept=".xml,.gz,application/xml,text/xml,application/gzip"
            required
            className="mt-1"
          />
        </div>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="fetchMedia" value="yes" defaultChecked className="mt-1" />
          <span>Fetch media from the old site: featured images and attachments, while the site is online</span>
        </label>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="staffAccounts" value="yes" className="mt-1" />
          <span>
            Create staff accounts for authors: role Author, for each author with an email; they set a password through
            “Forgot password”
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="dryRun" value="yes" className="mt-1" />
          <span>Dry run: report what would be imported, without changing anything</span>
        </label>
        <button type="submit" className="rounded bg-accent px-4 py-2 font-semibold text-white">
          Import
        </button>
      </form>
      {runs.length > 0 ? (
        <section aria-labelledby="recent-imports" className="mt-10 max-w-2xl">
          <h2 id="recent-imports" className="text-xl font-bold">
            Recent imports
          </h2>
          <ul className="mt-2 space-y-1">
            {runs.map((run) => (
              <li key={run.id}>
                <Link href={`/admin/import/${run.id}`} className={`${linkClass} underline`}>
                  #{run.id} {run.filename}
                </Link>{" "}
                {run.dryRun ? "(dry run) " : ""}— {STATUS_LABELS[run.status] ?? run.status},{" "}
                {formatCount(run.itemsProcessed)} items, {formatAdminDateTime(run.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
