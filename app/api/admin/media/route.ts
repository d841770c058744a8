import { NextResponse } from "next/server";
import { z } from "zod";
import { rolesFor } from "@/lib/auth/permissions";
import { requireRoleForRoute } from "@/lib/auth/session";
import { listMedia } from "@/lib/data/media";
import { db } from "@/lib/db";
import { CROSS_ORIGIN_MESSAGE, isSameOrigin } from "@/lib/http/same-origin";
import type { MediaListResponse, MediaUploadResponse } from "@/lib/media/types";
import { FILE_TOO_LARGE_MESSAGE, MAX_UPLOAD_REQUEST_BYTES, uploadMedia } from "@/lib/media/upload";
import { mediaListQuerySchema } from "@/lib/validations/media";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

function error(status: number, message: string, fieldErrors?: Record<string, string[]>) {
  return NextResponse.json<MediaUploadResponse>(
    { error: message, ...(fieldErrors && { fieldErrors }) },
    { status, headers: NO_STORE },
  );
}

/** GET /api/admin/media?kind=IMAGE|PDF&q=&cursor=: one page of the library, newest first. */
export async function GET(request: Request) {
  const guard = await requireRoleForRoute(...rolesFor("content.write"));
  if (guard.response) return guard.response;
  const query = mediaListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return error(400, "The media query is not valid.", z.flattenError(query.error).fieldErrors);
  return NextResponse.json<MediaListResponse>(await listMedia(db, query.data), { headers: NO_STORE });
}

/**
 * POST /api/admin/media (multipart: file, alt, caption, credit, and optionally kind, which
 * refuses a file of the other kind): 201 with the item, 200 when already in the library.
 */
export async function POST(request: Request) {
  const guard = await requireRoleForRoute(...rolesFor("content.write"));
  if (guard.response) return guard.response;
  if (!isSameOrigin(request)) return error(403, CROSS_ORIGIN_MESSAGE);

  // Node's server frames the body by Content-Length, so checking it bounds what is read.
  const length = request.headers.get("content-length");
  if (length === null) return error(411, "Send the upload with a Content-Length header.");
  if (Number(length) > MAX_UPLOAD_REQUEST_BYTES) return error(413, FILE_TOO_LARGE_MESSAGE);
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return error(415, "Send the upload as multipart/form-data with a field named file.");
  }

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return error(400, "The upload could not be read. Try again.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) return error(400, "Choose a file to upload.", { file: ["Choose a file to upload."] });

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
      guard.user,
    );
  } catch (failure) {
    console.error("Media upload failed", failure);
    return error(503, "The upload could not be saved just now. Try again in a moment.");
  }
  if (!result.ok) return error(result.status, result.message, result.fieldErrors);
  return NextResponse.json<MediaUploadResponse>({ item: result.item }, { status: result.status, headers: NO_STORE });
}
