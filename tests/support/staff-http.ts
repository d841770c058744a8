/**
 * A member of staff over HTTP against a running production server, as their browser
 * would be: signed in through next-auth's credentials form, publishing and unpublishing
 * through the editor's server action, sending a digest (ids read from the build's manifest). For the
 * cluster test and bench/cluster.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

/** Signs in on `base`; the session cookie, as a Cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";", 1)[0]!;
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(), origin: base },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/admin", json: "true" }),
  });
  keep(answer);
  await answer.arrayBuffer();
  const session = [...jar.keys()].find((name) => name.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`Sign-in on ${base} gave no session (${answer.status}).`);
  return `${session}=${jar.get(session)}`;
}

/** React's client side of server action arguments, as Next.js bundles it for the browser. */
const { encodeReply } = createRequire(import.meta.url)(
  "next/dist/compiled/react-server-dom-webpack/client.node.js",
) as { encodeReply(value: unknown): Promise<string | FormData> };

type Manifest = { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> };

/** A server action of the build (by its exported name): its id, and the staff page at `pageDir` that runs it. */
function serverAction(exportedName: string, pageDir: string, id: number): { actionId: string; pagePath: string } {
  const manifest = JSON.parse(
    fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  const found = Object.entries(manifest.node).find(([, candidate]) => candidate.exportedName === exportedName);
  if (!found) throw new Error(`${exportedName} is not in the build's manifest.`);
  const [actionId, entry] = found;
  const worker = Object.keys(entry.workers).find((page) => page.startsWith(`app/(admin)/admin/${pageDir}/`));
  if (!worker) throw new Error(`No page under /admin/${pageDir} runs ${exportedName}.`);
  const pagePath = worker
    .replace(/^app/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\/page$/, "")
    .replace(/\[[^\]]+\]/, String(id));
  return { actionId, pagePath };
}

/** Calls a server action as the browser does; throws unless it answered `ok: true`. */
async function callAction(
  base: string,
  cookie: string,
  action: { actionId: string; pagePath: string },
  body: string | FormData,
  what: string,
): Promise<void> {
  const response = await fetch(`${base}${action.pagePath}`, {
    method: "POST",
    headers: {
      "next-action": action.actionId,
      ...(typeof body === "string" && { "content-type": "text/plain;charset=UTF-8" }),
      accept: "text/x-component",
      origin: base,
      cookie,
    },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || !text.includes('"ok":true'))
    throw new Error(`${what} on ${base} answered ${response.status}: ${text.slice(0, 300)}`);
}

/**
 * Publishes, unpublishes or schedules (for `publishAt`) a publication on `base`, as the
 * editor's buttons do; resolves once the server has answered, throws unless it answered
 * that it did.
 */
export async function transition(
  base: string,
  cookie: string,
  publicationId: number,
  action: "publish" | "unpublish" | "schedule",
  publishAt?: Date,
): Promise<void> {
  await callAction(
    base,
    cookie,
    serverAction("transitionPublicationAction", "publications", publicationId),
    JSON.stringify([{ id: publicationId, action, ...(publishAt && { publishAt: publishAt.toISOString() }) }]),
    action,
  );
}

/** Sends a digest on `base`, as its page's confirmed "Send" form does (a form action of useActionState). */
export async function sendDigest(base: string, cookie: string, digestId: number): Promise<void> {
  const form = new FormData();
  form.set("digestId", String(digestId));
  form.set("confirm", "yes");
  // The arguments (previous state, form) as React's client encodes them for the server.
  const body = await encodeReply([null, form]);
  await callAction(base, cookie, serverAction("sendDigest", "digests", digestId), body, "Sending the digest");
}
