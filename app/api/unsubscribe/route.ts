import { unsubscribe } from "@/lib/subscribers/manage";
import { resultResponse } from "@/lib/http/respond";

/**
 * RFC 8058 one-click unsubscribe: every bulk email's List-Unsubscribe header points
 * here, and the mail client POSTs `List-Unsubscribe=One-Click`. The signed token in the
 * URL is the whole authority, so the POST unsubscribes with no further step; its body is
 * not required (some clients send none).
 */
export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get("token");
  return resultResponse(await unsubscribe(token, "one-click"));
}

/** A person (or a link scanner) opening the header's URL: show the page with its button, change nothing. */
export async function GET(request: Request) {
  const target = new URL("/unsubscribe", request.url);
  const token = new URL(request.url).searchParams.get("token");
  if (token) target.searchParams.set("token", token);
  return new Response(null, {
    status: 303,
    headers: { Location: target.pathname + target.search, "Cache-Control": "no-store" },
  });
}
