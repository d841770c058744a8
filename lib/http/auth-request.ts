/**
 * Requests next-auth's route handler (app/api/auth/[...nextauth]) would answer with a 500,
 * refused with a 400 before it runs: a JSON body that is not valid JSON or not an object,
 * and a `callbackUrl` in the query string or the callback cookie that is neither a path nor
 * an absolute URL (next-auth's own configuration check throws on those, before any
 * callback of ours runs). The same check applies to a `callbackUrl` in the body, which no
 * page of the site sends malformed. Which addresses are then allowed is decided by the
 * redirect callback (lib/auth/callback-url.ts), not here.
 */
/** A sign-in body is a few hundred bytes. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

const CALLBACK_COOKIE = /(?:^|;)\s*((?:__Secure-)?next-auth\.callback-url)=([^;]*)/g;

/** What next-auth's redirect step can take: nothing, a path, or an absolute URL. */
function readableCallback(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  return typeof value === "string" && (value.startsWith("/") || URL.canParse(value));
}

function refuse(message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ ok: false, message }, { status: 400, headers: { "Cache-Control": "no-store", ...headers } });
}

export async function malformedAuthRequest(request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  if (!url.searchParams.getAll("callbackUrl").every(readableCallback))
    return refuse("The callbackUrl is not an address.");

  for (const [, name, raw] of (request.headers.get("cookie") ?? "").matchAll(CALLBACK_COOKIE)) {
    let value: string | null;
    try {
      value = decodeURIComponent(raw ?? "");
    } catch {
      value = null;
    }
    // Cleared, so the browser that carries it is not refused on every later request.
    if (value === null || !readableCallback(value))
      return refuse("The sign-in return address is not an address; it has been cleared. Try again.", {
        "Set-Cookie": `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`,
      });
  }

  if (request.method !== "POST") return null;
  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  const isJson = contentType.includes("application/json");
  if (!isJson && !contentType.includes("application/x-www-form-urlencoded")) return null;
  const text = await readCopy(request);
  if (text === null) return refuse("The request is too large.");
  if (isJson) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return refuse("The request body is not valid JSON.");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body))
      return refuse("The request body must be a JSON object.");
    if (!readableCallback((body as { callbackUrl?: unknown }).callbackUrl))
      return refuse("The callbackUrl is not an address.");
    return null;
  }
  if (!new URLSearchParams(text).getAll("callbackUrl").every(readableCallback))
    return refuse("The callbackUrl is not an address.");
  return null;
}

/**
 * The body as text, read from a copy so the handler can still read it; null past
 * MAX_AUTH_BODY_BYTES. The copy is abandoned, not awaited: cancelling one branch of a
 * teed stream settles only once the other branch is done too.
 */
async function readCopy(request: Request): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_AUTH_BODY_BYTES) return null;
  const copy = request.clone();
  if (!copy.body) return "";
  const reader = copy.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > MAX_AUTH_BODY_BYTES) {
      reader.cancel().catch(() => {});
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}
