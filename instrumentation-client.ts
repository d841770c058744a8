/**
 * Runs in the browser before the app's own code, on every App Router page.
 *
 * Zod compiles object schemas with `new Function` when the page allows it, and finds out
 * by trying: under the site's Content-Security-Policy (no 'unsafe-eval',
 * lib/http/content-security-policy.mjs) the attempt fails harmlessly but is reported as
 * a policy violation on every page. Without the probe, Zod parses without compiling.
 */
import { config } from "zod/v4/core";

config({ jitless: true });
