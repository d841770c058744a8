import { termFeedRoute } from "@/lib/feeds/respond";

export const dynamic = "force-dynamic"; // read at request time: see feedResponse

export const GET = termFeedRoute("atom", "author");
