import { z } from "zod";

const DEFAULT_CALLBACK = "/admin";

const callbackSchema = z.string().trim().max(2048);

/**
 * A same-origin path to return to after sign-in: "/admin/publications?q=x" is kept;
 * absolute URLs, protocol-relative "//evil.example", backslash tricks and /login itself
 * fall back to /admin.
 */
export function safeCallbackPath(value: unknown): string {
  const parsed = callbackSchema.safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success) return DEFAULT_CALLBACK;
  const path = parsed.data;
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\") || /[\u0000-\u001f]/.test(path))
    return DEFAULT_CALLBACK;
  try {
    const url = new URL(path, "http://quire.invalid");
    if (url.origin !== "http://quire.invalid") return DEFAULT_CALLBACK;
    if (url.pathname === "/login" || url.pathname.startsWith("/api/auth")) return DEFAULT_CALLBACK;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return DEFAULT_CALLBACK;
  }
}
