import { NextResponse } from "next/server";
import { z } from "zod";
import { INTERNAL_KEY_HEADER, isInternalKey, revalidatePublicTags } from "@/lib/publications/revalidate";

const requestSchema = z.object({
  tags: z
    .array(
      z
        .string()
        .min(1)
        .max(300)
        .regex(/^[a-z0-9:-]+$/),
    )
    .min(1)
    .max(100),
});

/**
 * Revalidation asked for by this server's own background jobs (lib/publications/revalidate.ts):
 * only with the key derived from NEXTAUTH_SECRET; everyone else gets a 404.
 */
export async function POST(request: Request) {
  if (!isInternalKey(request.headers.get(INTERNAL_KEY_HEADER)))
    return NextResponse.json({ error: "Not found." }, { status: 404 });
  const parsed = requestSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: "Expected { tags: string[] }." }, { status: 400 });
  revalidatePublicTags(parsed.data.tags);
  return NextResponse.json({ revalidated: parsed.data.tags });
}
