import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { recordAuditEntry } from "@/lib/auth/audit-log";
import { authorize } from "@/lib/auth/session";
import { DATA_DIR } from "@/lib/data-dir";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { writeQuireExport } from "@/lib/export/quire-export";
import { writeWxr } from "@/lib/export/wxr";
import { formatIsoDate } from "@/lib/format/dates";
import { refusalResponse } from "@/lib/http/respond";
import { mediaStorage } from "@/lib/media/configured-storage";
import { invalidInput } from "@/lib/result";
import { exportQuerySchema } from "@/lib/validations/export";

/**
 * GET /admin/export/download?format=quire|wxr: the full export (a .tar.gz, docs/export-format.md)
 * or the WXR 1.2 file for WordPress, streamed as it is written. ADMIN only, and in the
 * audit log: it holds every subscriber's address. A download changes nothing, so GET.
 */
export async function GET(request: Request) {
  const access = await authorize("site.export");
  if (!access.ok) return refusalResponse(access);
  const parsed = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return refusalResponse(invalidInput(parsed.error));
  const { format } = parsed.data;
  await recordAuditEntry(db, access.user.id, { action: "site.export", entityType: "Site", details: { format } });

  const site = { name: env.SITE_NAME, url: env.SITE_URL };
  const body = new PassThrough();
  const written =
    format === "wxr"
      ? writeWxr({ databaseUrl: env.DATABASE_URL, site }, body)
      : writeQuireExport(
          { databaseUrl: env.DATABASE_URL, storage: mediaStorage, site, temporaryParent: path.join(DATA_DIR, "tmp") },
          body,
        );
  // A failure halfway cuts the download short, so the browser reports it rather than keeping half a file.
  written.catch((error: unknown) => {
    if (!body.destroyed) console.error("[export] the download failed:", error);
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  const stamp = formatIsoDate(new Date());
  const [type, filename] =
    format === "wxr"
      ? ["application/rss+xml; charset=utf-8", `quire-wxr-${stamp}.xml`]
      : ["application/gzip", `quire-export-${stamp}.tar.gz`];
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
