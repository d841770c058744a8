/**
 * Several app servers behind the front cache, as `npm run cluster` runs them (the same
 * module, scripts/lib/cluster.ts): two servers (A and B) of the production build, one
 * Redis, Varnish with deploy/varnish/default.vcl in front. Proves that there is one truth:
 * once a publish or unpublish on A has returned, the very next request to B and to the
 * front shows it (no waiting: the time it takes is bench/cluster.ts's figure); that
 * anonymous readers are served from the front cache and signed-in staff never are; and
 * that a rate limit counts across servers.
 *
 * Needs Debian's redis-server, varnish and varnish-modules: without them it fails at once,
 * naming them (npm test checks first, .ci/run installs them).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { missingClusterPackages, missingPackagesMessage, startCluster, type Cluster } from "../scripts/lib/cluster";
import { freePort } from "../scripts/lib/processes";
import { isolatedTestDatabase } from "./support/database";
import { buildSiteOnce, TEST_SERVER_SECRET } from "./support/next-server";
import { signIn, transition } from "./support/staff-http";
import { createStaff, STAFF_PASSWORD } from "./support/request-scope";

const LONG = 40 * 60_000; // a first run builds the site
const testDatabase = isolatedTestDatabase();
let cluster: Cluster;
let workDir: string;
let A: string;
let B: string;
let staffCookie: string;
let draft: { id: number; slug: string; title: string };

beforeAll(async () => {
  const missing = missingClusterPackages();
  if (missing.length > 0) throw new Error(missingPackagesMessage(missing));
  await seedDemoArchive(testDatabase.url, { count: 12 });
  const published = await testDatabase.db.publication.findFirstOrThrow({
    where: { status: "PUBLISHED", type: { slug: { not: "event" } } },
    select: { typeId: true },
  });
  draft = await testDatabase.db.publication.create({
    data: {
      slug: "one-truth-across-servers",
      title: "One truth across servers",
      summary: "Published on one server, read on another.",
      bodyJson: { type: "doc", content: [] },
      bodyHtml: "<p>Read everywhere at once.</p>",
      typeId: published.typeId,
    },
    select: { id: true, slug: true, title: true },
  });
  const editor = await createStaff(testDatabase.db, "EDITOR", "cluster");
  await buildSiteOnce(testDatabase.url);

  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-cluster-test-"));
  const [frontPort, portA, portB, redisPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  cluster = await startCluster({
    instances: 2,
    frontPort,
    instancePorts: [portA, portB],
    redisPort,
    databaseUrl: testDatabase.url,
    secret: TEST_SERVER_SECRET,
    workDir,
    env: { QUIRE_WORKERS: "off" },
  });
  [A, B] = cluster.instances as [string, string];
  staffCookie = await signIn(A, editor.email, STAFF_PASSWORD);
}, LONG);

afterAll(async () => {
  await cluster?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

async function page(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe("a cluster of two app servers behind the front cache", () => {
  it("shows a publish on A at once on B and at the front, and an unpublish likewise", async () => {
    const address = `/publications/${draft.slug}`;
    // Every cache warm with the world before: the home page on B and at the front.
    for (const base of [B, cluster.front]) {
      await page(`${base}/`);
      const home = await page(`${base}/`);
      expect(home.status).toBe(200);
      expect(home.body).not.toContain(draft.title);
    }
    expect((await page(`${cluster.front}/`)).headers.get("x-cache")).toBe("HIT");
    expect((await page(`${B}${address}`)).status).toBe(404);

    await transition(A, staffCookie, draft.id, "publish");
    for (const base of [B, cluster.front]) {
      const publication = await page(`${base}${address}`);
      expect(publication.status, `${base}${address}`).toBe(200);
      expect(publication.body).toContain(draft.title);
      expect((await page(`${base}/`)).body, `${base}/`).toContain(draft.title);
    }
    // Now cached at the front too, to be dropped by the unpublish.
    expect((await page(`${cluster.front}${address}`)).headers.get("x-cache")).toBe("HIT");

    await transition(A, staffCookie, draft.id, "unpublish");
    for (const base of [B, cluster.front]) {
      expect((await page(`${base}${address}`)).status, `${base}${address}`).toBe(404);
      expect((await page(`${base}/`)).body, `${base}/`).not.toContain(draft.title);
    }
  });

  it("serves anonymous readers from the front cache, and signed-in staff never", async () => {
    const published = await testDatabase.db.publication.findFirstOrThrow({
      where: { status: "PUBLISHED", type: { slug: { not: "event" } } },
      select: { slug: true, title: true },
    });
    const address = `${cluster.front}/publications/${published.slug}`;
    await page(address);
    const hit = await page(address);
    expect(hit.headers.get("x-cache")).toBe("HIT");
    expect(hit.headers.get("age")).toMatch(/^\d+$/);
    // Tags for a CDN stay; Varnish's own header does not leave it.
    expect(hit.headers.get("surrogate-key")).toContain(`publication:${published.slug}`);
    expect(hit.headers.get("xkey")).toBeNull();

    for (const path of [`/publications/${published.slug}`, "/", "/admin"]) {
      for (let twice = 0; twice < 2; twice++) {
        const staff = await page(`${cluster.front}${path}`, { cookie: staffCookie });
        expect(staff.headers.get("x-cache"), path).toBe("PASS");
        expect(staff.headers.get("age") ?? "0", path).toBe("0");
      }
    }
    // The staff page itself, asked for without a session, is not kept for anyone either.
    for (let twice = 0; twice < 2; twice++)
      expect((await page(`${cluster.front}/admin`)).headers.get("x-cache")).not.toBe("HIT");
    // A purge needs the token, and answers nothing to anyone else.
    const purge = await fetch(cluster.front, { method: "PURGE", headers: { xkey: "listings" } });
    expect(purge.status).toBe(403);
  });

  it("refuses the 21st signup from one address, counted across A and B", async () => {
    const answers: number[] = [];
    for (let index = 0; index < 21; index++) {
      const response = await fetch(`${index % 2 === 0 ? A : B}/api/subscribe`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `cluster-reader-${index}@example.org` }),
      });
      answers.push(response.status);
    }
    expect(answers.slice(0, 20)).toEqual(Array(20).fill(200));
    expect(answers[20]).toBe(429);
  });
});
