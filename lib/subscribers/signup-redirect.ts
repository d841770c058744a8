import { z } from "zod";

/** Longest address carried back to the form (RFC 5321's limit). */
const MAX_EMAIL_LENGTH = 320;

/** Where a signup posted without JavaScript lands: thanks, or the form again with the address typed. */
export function subscribePageAfter(signedUp: boolean, email: string | undefined): string {
  if (signedUp) return "/subscribe?signup=sent";
  const params = new URLSearchParams({ signup: "retry" });
  if (email && email.length <= MAX_EMAIL_LENGTH) params.set("email", email);
  return `/subscribe?${params}`;
}

/** /subscribe's query: what subscribePageAfter wrote, anything else ignored. */
export const subscribePageQuerySchema = z.object({
  signup: z.enum(["sent", "retry"]).optional().catch(undefined),
  email: z.string().max(MAX_EMAIL_LENGTH).optional().catch(undefined),
});
