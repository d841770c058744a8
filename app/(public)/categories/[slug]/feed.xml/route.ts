import { feedResponse } from "@/lib/feeds/respond";

export const dynamic = "force-dynamic"; // read at request time: see feedResponse

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params; // validated by feedResponse: a malformed or unknown slug is a 404
  return feedResponse("rss", { kind: "category", slug });
}
