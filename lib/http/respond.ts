/**
 * Results (lib/result.ts) as HTTP answers, the same shape from every route handler:
 * `{ ok: true, …data }`, or `{ ok: false, message, fieldErrors?, conflict? }` with the
 * refusal's status. Never cached: these answers are per request.
 */
import type { Refusal, Result } from "@/lib/result";

const NO_STORE = { "Cache-Control": "no-store" } as const;

export function refusalResponse(refusal: Refusal): Response {
  const headers: Record<string, string> = { ...NO_STORE };
  if (refusal.status === 401) headers["WWW-Authenticate"] = "Session";
  if (refusal.retryAfterSeconds) headers["Retry-After"] = String(refusal.retryAfterSeconds);
  const { ok, message, fieldErrors, conflict } = refusal;
  return Response.json(
    { ok, message, ...(fieldErrors && { fieldErrors }), ...(conflict && { conflict }) },
    { status: refusal.status, headers },
  );
}

/** A result as JSON: its data with 200 (or `status`), or the refusal. */
export function resultResponse<Success extends object>(result: Result<Success>, status = 200): Response {
  if (!result.ok) return refusalResponse(result);
  return Response.json(result, { status, headers: NO_STORE });
}
