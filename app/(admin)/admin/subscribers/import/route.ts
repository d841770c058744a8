import fs from "node:fs/promises";
import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { refusalResponse } from "@/lib/http/respond";
import { env } from "@/lib/env";
import { formProblem, isSameOrigin } from "@/lib/http/same-origin";
import { enqueue } from "@/lib/jobs/queue";
import { receiveMultipart } from "@/lib/http/upload-stream";
import { createImport, MAX_IMPORT_BYTES } from "@/lib/subscribers/import";
import { subscriberImportJob } from "@/lib/subscribers/jobs";

const BACK = "/admin/subscribers";

/**
 * POST /admin/subscribers/import: the upload form (multipart: `file`, optional
 * `consent=yes`). A route handler rather than a server action so the file may be larger
 * than an action's body limit; checks the Origin itself, as server actions would. The
 * upload is streamed to a temporary file (lib/http/upload-stream.ts) and read from there.
 */
export async function POST(request: Request) {
  const access = await authorize("subscribers.manage");
  if (!access.ok) return refusalResponse(access);
  const { user } = access;
  if (!isSameOrigin(request, env.SITE_URL))
    return formProblem(403, "This form must be sent from the site's own admin pages.", BACK);
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data"))
    return formProblem(415, "Upload the file with the import form.", BACK);
  const received = await receiveMultipart(request, {
    maxFileBytes: MAX_IMPORT_BYTES,
    tooLargeMessage: `The file is too large (${MAX_IMPORT_BYTES / 1024 / 1024} MB at most).`,
  });
  if (!received.ok) return formProblem(received.status, received.message, BACK);
  const { form } = received;
  let upload: { filename: string; csv: string; bytes: number };
  try {
    const file = form.file("file");
    if (!file || file.size === 0) return formProblem(400, "Choose a CSV file to import.", BACK);
    let csv: string;
    try {
      csv = new TextDecoder("utf-8", { fatal: true }).decode(await fs.readFile(file.path));
    } catch {
      return formProblem(400, "The file must be a CSV file in UTF-8.", BACK);
    }
    upload = { filename: file.filename, csv, bytes: file.size };
  } finally {
    await form.discard();
  }
  const result = await createImport(db, { ...upload, assertedConsent: form.field("consent") === "yes" }, user.id);
  if (!result.ok || !result.id) return formProblem(result.ok ? 500 : result.status, result.message, BACK);
  await enqueue(subscriberImportJob, { importId: result.id });
  return new Response(null, { status: 303, headers: { Location: `/admin/subscribers/imports/${result.id}` } });
}
