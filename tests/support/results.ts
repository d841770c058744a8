import type { Result } from "@/lib/result";

/** The success of a Result, or a failed test naming the refusal. */
export function succeeded<Success extends object>(result: Result<Success>): { ok: true } & Success {
  if (!result.ok) throw new Error(`Expected success, got ${result.status}: ${result.message}`);
  return result;
}
