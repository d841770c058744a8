import { authorize } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { refusalResponse } from "@/lib/http/respond";
import { env } from "@/lib/env";
import { formProblem, isSameOrigin } from "@/lib/http/same-origin";
import { enqueue } from "@/lib/jobs/queue";
import { readBounded } from "@/lib/http/body";
import { createImport, MAX_IMPORT_BYTES } from "@/lib/subscribers/import";
import { subscriberImportJob } from "@/lib/subscribers/jobs";

const BACK = "/admin/subscribers";

/**
 * POST /admin/subscribers/import: the upload form (multipart: `file`, optional
 * `consent=yes`). A route handler rather than a server action so the file may be larger
 * than an action's body limit; checks the Origin itself, as server actions would.
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
  const body = await readBounded(request, MAX_IMPORT_BYTES + 64 * 1024);
  if (!body) return formProblem(413, `The file is too large (${MAX_IMPORT_BYTES / 1024 / 1024} MB at most).`, BACK);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return formProblem(400, "The upload could not be read. Please try again.", BACK);
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return formProblem(400, "Choose a CSV file to import.", BACK);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let csv: string;
  try {
    csv = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return formProblem(400, "The file must be a CSV file in UTF-8.", BACK);
  }
  const result = await createImport(
    db,
    { filename: file.name, csv, bytes: file.size, assertedConsent: form.get("consent") === "yes" },
    user.id,
  );
  if (!result.ok || !result.id) return formProblem(result.ok ? 500 : result.status, result.message, BACK);
  await enqueue(subscriberImportJob, { importId: result.id });
  return new Response(null, { status: 303, headers: { Location: `/admin/subscribers/imports/${result.id}` } });
}
