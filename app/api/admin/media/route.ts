import { NextResponse } from "next/server";
import { authorize } from "@/lib/auth/session";
import { listMedia } from "@/lib/media/library";
import { db } from "@/lib/db";
import { refusalResponse, resultResponse } from "@/lib/http/respond";
import { CROSS_ORIGIN_MESSAGE, isSameOrigin } from "@/lib/http/same-origin";
import type { MediaListResponse } from "@/lib/media/types";
import { FILE_TOO_LARGE_MESSAGE, MAX_UPLOAD_REQUEST_BYTES, uploadMedia } from "@/lib/media/upload";
import { invalidInput, refuse } from "@/lib/result";
import { mediaListQuerySchema } from "@/lib/validations/media";

export const dynamic = "force-dynamic";

/** GET /api/admin/media?kind=IMAGE|PDF&q=&cursor=: one page of the library, newest first. */
export async function GET(request: Request) {
  const access = await authorize("content.write");
  if (!access.ok) return refusalResponse(access);
  const query = mediaListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return refusalResponse(invalidInput(query.error, { message: "The media query is not valid." }));
  return NextResponse.json<MediaListResponse>(await listMedia(db, query.data), {
    headers: { "Cache-Control": "no-store" },
  });
}

/**
 * POST /api/admin/media (multipart: file, alt, caption, credit, and optionally kind, which
 * refuses a file of the other kind): 201 with the item, 200 when already in the library.
 */
export async function POST(request: Request) {
  const access = await authorize("content.write");
  if (!access.ok) return refusalResponse(access);
  if (!isSameOrigin(request)) return refusalResponse(refuse(403, CROSS_ORIGIN_MESSAGE));

  // Node's server frames the body by Content-Length, so checking it bounds what is read.
  const length = request.headers.get("content-length");
  if (length === null) return refusalResponse(refuse(411, "Send the upload with a Content-Length header."));
  if (Number(length) > MAX_UPLOAD_REQUEST_BYTES) return refusalResponse(refuse(413, FILE_TOO_LARGE_MESSAGE));
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return refusalResponse(refuse(415, "Send the upload as multipart/form-data with a field named file."));
  }

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refusalResponse(refuse(400, "The upload could not be read. Try again."));
  }
  const file = form.get("file");
  if (!(file instanceof File)) {
    return refusalResponse(refuse(400, "Choose a file to upload.", { file: "Choose a file to upload." }));
  }

  let result;
  try {
    result = await uploadMedia(
      {
        file,
        alt: form.get("alt"),
        caption: form.get("caption"),
        credit: form.get("credit"),
        expectedKind: form.get("kind"),
      },
      access.user,
    );
  } catch (failure) {
    console.error("Media upload failed", failure);
    return refusalResponse(refuse(503, "The upload could not be saved just now. Try again in a moment."));
  }
  return resultResponse(result, result.ok && result.created ? 201 : 200);
}
