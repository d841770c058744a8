import { NextResponse } from "next/server";
import { authorize } from "@/lib/auth/session";
import { listMedia } from "@/lib/media/library";
import { db } from "@/lib/db";
import { refusalResponse, resultResponse } from "@/lib/http/respond";
import { CROSS_ORIGIN_MESSAGE, isSameOrigin } from "@/lib/http/same-origin";
import type { MediaListResponse } from "@/lib/media/types";
import { receiveMultipart } from "@/lib/http/upload-stream";
import { FILE_TOO_LARGE_MESSAGE, MAX_UPLOAD_FILE_BYTES, uploadMedia } from "@/lib/media/upload";
import { invalidInput, refuse } from "@/lib/result";
import { mediaListQuerySchema } from "@/lib/validations/media";

export const dynamic = "force-dynamic";

/** GET /api/admin/media?kind=IMAGE|PDF|AUDIO&q=&cursor=: one page of the library, newest first. */
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
 * The body is streamed to a temporary file as it arrives (lib/http/upload-stream.ts), never
 * held in memory, and stops being read once the file exceeds the largest size accepted.
 */
export async function POST(request: Request) {
  const access = await authorize("content.write");
  if (!access.ok) return refusalResponse(access);
  if (!isSameOrigin(request)) return refusalResponse(refuse(403, CROSS_ORIGIN_MESSAGE));
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return refusalResponse(refuse(415, "Send the upload as multipart/form-data with a field named file."));
  }

  const received = await receiveMultipart(request, {
    maxFileBytes: MAX_UPLOAD_FILE_BYTES,
    tooLargeMessage: FILE_TOO_LARGE_MESSAGE,
  });
  if (!received.ok) return refusalResponse(received);
  const { form } = received;
  try {
    const file = form.file("file");
    if (!file) return refusalResponse(refuse(400, "Choose a file to upload.", { file: "Choose a file to upload." }));
    let result;
    try {
      result = await uploadMedia(
        {
          file,
          alt: form.field("alt"),
          caption: form.field("caption"),
          credit: form.field("credit"),
          expectedKind: form.field("kind"),
        },
        access.user,
      );
    } catch (failure) {
      console.error("Media upload failed", failure);
      return refusalResponse(refuse(503, "The upload could not be saved just now. Try again in a moment."));
    }
    return resultResponse(result, result.ok && result.created ? 201 : 200);
  } finally {
    await form.discard();
  }
}
