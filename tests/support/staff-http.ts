/**
 * A member of staff over HTTP against a running production server, as their browser
 * would be: signed in through next-auth's credentials form, publishing and unpublishing
 * through the editor's server action (its id read from the build's manifest). For the
 * cluster test and bench/cluster.ts.
 */
import fs from "node:fs";
import path from "node:path";

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

type Manifest = { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> };

/** The editor's workflow action (transitionPublicationAction): its id, and a page that runs it. */
function workflowAction(publicationId: number): { actionId: string; pagePath: string } {
  const manifest = JSON.parse(
    fs.readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  const found = Object.entries(manifest.node).find(
    ([, candidate]) => candidate.exportedName === "transitionPublicationAction",
  );
  if (!found) throw new Error("transitionPublicationAction is not in the build's manifest.");
  const [actionId, entry] = found;
  const worker = Object.keys(entry.workers).find((page) => page.startsWith("app/(admin)/admin/publications/"));
  if (!worker) throw new Error("No editor page runs transitionPublicationAction.");
  const pagePath = worker
    .replace(/^app/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\/page$/, "")
    .replace(/\[[^\]]+\]/, String(publicationId));
  return { actionId, pagePath };
}

/**
 * Publishes or unpublishes a publication on `base`, as the editor's buttons do; resolves
 * once the server has answered, throws unless it answered that it did.
 */
export async function transition(
  base: string,
  cookie: string,
  publicationId: number,
  action: "publish" | "unpublish",
): Promise<void> {
  const { actionId, pagePath } = workflowAction(publicationId);
  const response = await fetch(`${base}${pagePath}`, {
    method: "POST",
    headers: {
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: base,
      cookie,
    },
    body: JSON.stringify([{ id: publicationId, action }]),
  });
  const body = await response.text();
  if (response.status !== 200 || !body.includes('"ok":true'))
    throw new Error(`${action} on ${base} answered ${response.status}: ${body.slice(0, 300)}`);
}
