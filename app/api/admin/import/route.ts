import fs from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { authorize } from "@/lib/auth/session";
import { DATA_DIR } from "@/lib/data-dir";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { refusalResponse } from "@/lib/http/respond";
import { formProblem, isSameOrigin } from "@/lib/http/same-origin";
import { receiveMultipart } from "@/lib/http/upload-stream";
import { wordpressImportFormSchema } from "@/lib/validations/wordpress-import";
import { enqueue } from "@/lib/jobs/queue";
import { wordpressImportJob } from "@/lib/wordpress/jobs";
import { createImportRun } from "@/lib/wordpress/runs";

const BACK = "/admin/import";
/** A compressed export of a large site is tens of megabytes; unpacked, a few hundred. */
const MAX_EXPORT_BYTES = 512 * 1024 * 1024;

/**
 * POST /api/admin/import: the WordPress import form (multipart: `file`, optional
 * `dryRun`, `fetchMedia` and `staffAccounts`, each "yes" when ticked), ADMIN only. The export is streamed to a temporary file
 * (lib/http/upload-stream.ts), kept under the data folder until the background job has
 * imported it, and the browser is sent to the import's page (progress and report).
 */
export async function POST(request: Request) {
  const access = await authorize("import.manage");
  if (!access.ok) return refusalResponse(access);
  if (!isSameOrigin(request, env.SITE_URL))
    return formProblem(403, "This form must be sent from the site's own admin pages.", BACK);
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data"))
    return formProblem(415, "Upload the export with the import form.", BACK);
  const received = await receiveMultipart(request, {
    maxFileBytes: MAX_EXPORT_BYTES,
    tooLargeMessage: `The file is too large (${MAX_EXPORT_BYTES / 1024 / 1024} MB at most; compress it with gzip).`,
  });
  if (!received.ok) return formProblem(received.status, received.message, BACK);
  const { form } = received;
  let kept: { path: string; filename: string };
  const options = wordpressImportFormSchema.safeParse({
    dryRun: form.field("dryRun"),
    fetchMedia: form.field("fetchMedia"),
    staffAccounts: form.field("staffAccounts"),
  });
  if (!options.success) {
    await form.discard();
    return formProblem(400, options.error.issues[0]!.message, BACK);
  }
  try {
    const file = form.file("file");
    if (!file || file.size === 0) return formProblem(400, "Choose a WordPress export file (.xml or .xml.gz).", BACK);
    const folder = path.join(DATA_DIR, "imports");
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    kept = { path: path.join(folder, `wordpress-${randomUUID()}`), filename: file.filename || "export.xml" };
    await fs.copyFile(file.path, kept.path);
  } finally {
    await form.discard();
  }
  const importId = await createImportRun(db, {
    sourcePath: kept.path,
    filename: kept.filename,
    ...options.data,
    createdById: access.user.id,
  });
  await db.auditLog.create({
    data: {
      actorId: access.user.id,
      action: "wordpress.import_start",
      entityType: "WordPressImport",
      entityId: String(importId),
      details: { filename: kept.filename, ...options.data },
    },
  });
  await enqueue(wordpressImportJob, { importId });
  return new Response(null, { status: 303, headers: { Location: `/admin/import/${importId}` } });
}
