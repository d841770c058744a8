import { feedResponse } from "@/lib/feeds/respond";

export const dynamic = "force-dynamic"; // read at request time: see feedResponse

export function GET() {
  return feedResponse("rss", { kind: "site" });
}
