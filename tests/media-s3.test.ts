/**
 * Media in S3-compatible storage, end to end against a real S3-compatible server on
 * loopback (s3rver, tests/support/s3-server.ts) and a real database: the demo seed writes
 * its files to the bucket, a backup reads them from it and a restore writes them to another,
 * scheduled backups are copied to a backup bucket (and pruned there) and restored from it,
 * also by a site whose media live on disk (the bucket's own BACKUP_S3_ settings),
 * and /media/… sends readers to the storage (a presigned URL, or a public bucket or CDN)
 * for files the library names, and to nothing else.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mediaDeliveryFor, mediaRedirect } from "@/lib/media/delivery";
import { s3Storage } from "@/lib/media/s3-storage";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { runScript } from "./support/run-script";
import { createTestDatabase, isolatedTestDatabase } from "./support/database";
import { stubAppEnvironment } from "./support/request-scope";
import { startTestS3Server, type TestS3Server } from "./support/s3-server";

const testDatabase = isolatedTestDatabase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-media-s3-"));
let s3: TestS3Server;
let media: Array<{ storageKey: string; sizeBytes: number; mimeType: string; kind: string }>;

beforeAll(async () => {
  s3 = await startTestS3Server([
    "quire-media",
    "quire-restored",
    "quire-seeded",
    "quire-backups",
    "quire-disk-backups",
  ]);
  await seedDemoArchive(testDatabase.url, { count: 20, storage: s3Storage(s3.config("quire-media")) });
  media = await testDatabase.db.media.findMany({
    select: { storageKey: true, sizeBytes: true, mimeType: true, kind: true },
  });
}, 180_000);

afterAll(async () => {
  await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
  vi.unstubAllEnvs();
  await s3?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const bytesOf = async (body: ReadableStream<Uint8Array>) => Buffer.from(await new Response(body).arrayBuffer());

describe("the demo seed with S3 configured", () => {
  it("writes every file the library names to the bucket", async () => {
    expect(media.length).toBeGreaterThan(5);
    const storage = s3Storage(s3.config("quire-media"));
    for (const item of media) {
      const object = await storage.get(item.storageKey);
      expect(object, item.storageKey).not.toBeNull();
      expect((await bytesOf(object!.body)).length, item.storageKey).toBe(item.sizeBytes);
    }
  });
});

describe("npm run seed and the migration job with S3 configured", () => {
  it("write the demo archive's files to the bucket the S3_ variables name", { timeout: 180_000 }, async () => {
    stubAppEnvironment(testDatabase.url, s3.environment("quire-seeded"));
    vi.resetModules();
    try {
      const { seedDatabase } = await import("@/scripts/lib/first-run");
      await seedDatabase(testDatabase.url, { count: 20 });
      const storage = s3Storage(s3.config("quire-seeded"));
      // The archive's illustrations and report (experts' portraits are made once, with their profiles: above).
      const files = media.filter((item) => !item.storageKey.startsWith("demo/portrait-"));
      expect(files.length).toBeGreaterThan(3);
      for (const item of files) expect(await storage.get(item.storageKey), item.storageKey).not.toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("backup and restore with S3 configured", () => {
  it(
    "backs up the bucket's files through the storage interface and restores them into another bucket",
    {
      timeout: 240_000,
    },
    async () => {
      const { writeBackup } = await import("@/lib/backup/backup");
      const { restoreBackup } = await import("@/lib/backup/restore");
      const { localMigrations, migrateDatabase } = await import("@/scripts/lib/migrate");
      const file = path.join(dataDir, "backup.tar.gz");
      const summary = await writeBackup({
        databaseUrl: testDatabase.url,
        storage: s3Storage(s3.config("quire-media")),
        dataDir,
        outFile: file,
      });
      expect(summary.manifest.media.files).toBe(media.length);

      const target = await createTestDatabase({ empty: true });
      try {
        const restored = s3Storage(s3.config("quire-restored"));
        const report = await restoreBackup({
          databaseUrl: target.url,
          storage: restored,
          dataDir,
          archivePath: file,
          knownMigrations: localMigrations(),
          migrate: migrateDatabase,
        });
        expect(report.media).toBe(media.length);
        const original = s3Storage(s3.config("quire-media"));
        for (const item of media) {
          const [before, after] = await Promise.all([original.get(item.storageKey), restored.get(item.storageKey)]);
          expect((await bytesOf(after!.body)).equals(await bytesOf(before!.body)), item.storageKey).toBe(true);
        }
      } finally {
        await target.drop();
      }
    },
  );
});

describe("backups copied to BACKUP_S3_BUCKET", () => {
  it(
    "copies each scheduled backup to the bucket, prunes it there as on disk, and restores from it",
    { timeout: 240_000 },
    async () => {
      const { runScheduledBackup, saveBackupSchedule } = await import("@/lib/backup/schedule");
      const { backupBucketForEnvironment } = await import("@/lib/backup/offsite");
      const bucketEnvironment = { ...s3.environment("quire-media"), BACKUP_S3_BUCKET: "quire-backups" };
      const bucket = backupBucketForEnvironment(bucketEnvironment)!;
      const admin = await testDatabase.db.user.create({
        data: { email: "backups@example.org", name: "Backups", role: "ADMIN", passwordHash: "x" },
      });
      expect(await saveBackupSchedule(testDatabase.db, { enabled: true, hour: 3, keep: 1 }, admin.id)).toMatchObject({
        ok: true,
      });
      const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-backup-s3-"));
      const context = {
        database: testDatabase.db,
        databaseUrl: testDatabase.url,
        storage: s3Storage(s3.config("quire-media")),
        dataDir: backupDir,
        offsite: bucket,
      };
      const first = await runScheduledBackup({ ...context, now: new Date("2026-12-01T03:05:00Z") });
      expect(first).toMatchObject({ offsite: `backups/${first!.file}`, deleted: 0 });
      const second = await runScheduledBackup({ ...context, now: new Date("2026-12-02T03:05:00Z") });
      expect(second).toMatchObject({ offsite: `backups/${second!.file}`, deleted: 1 });
      // Kept one: the first is gone from the bucket as from the disk; the second is there, byte for byte.
      expect(await bucket.get(`backups/${first!.file}`)).toBeNull();
      const copy = await bucket.get(`backups/${second!.file}`);
      const local = fs.readFileSync(path.join(backupDir, "backups", second!.file!));
      expect((await bytesOf(copy!.body)).equals(local)).toBe(true);

      const target = await createTestDatabase({ empty: true });
      const targetDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-restore-s3-"));
      try {
        const environment = {
          ...bucketEnvironment,
          ...s3.environment("quire-restored"),
          BACKUP_S3_BUCKET: "quire-backups",
          DATABASE_URL: target.url,
          QUIRE_DATA_DIR: targetDir,
        };
        const missing = await runScript(
          "restore.ts",
          ["--from-s3", "quire-backup-2020-01-01T0000Z.tar.gz"],
          environment,
        );
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain("holds no backup named quire-backup-2020-01-01T0000Z.tar.gz");
        const notAName = await runScript("restore.ts", ["--from-s3", "../../etc/passwd"], environment);
        expect(notAName.code).toBe(1);
        expect(notAName.stderr).toContain("Not a backup's name");

        const restored = await runScript("restore.ts", ["--from-s3", second!.file!], environment);
        expect(restored.stderr).toBe("");
        expect(restored.code).toBe(0);
        expect(await target.db.publication.count()).toBe(await testDatabase.db.publication.count());
        expect(await target.db.media.count()).toBe(media.length);
      } finally {
        await target.drop();
        fs.rmSync(backupDir, { recursive: true, force: true });
        fs.rmSync(targetDir, { recursive: true, force: true });
      }
    },
  );
});

describe("backups of a site whose media live on disk, to a bucket of their own", () => {
  it(
    "copies the scheduled backup to BACKUP_S3_BUCKET with its own settings, and restore --from-s3 rebuilds the site",
    { timeout: 240_000 },
    async () => {
      const site = await createTestDatabase();
      const siteDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-disk-site-"));
      const target = await createTestDatabase({ empty: true });
      const targetDir = fs.mkdtempSync(path.join(os.tmpdir(), "quire-disk-restored-"));
      // No S3_ variable at all: media on disk, backups to the bucket named by BACKUP_S3_ alone.
      const backupEnvironment = {
        BACKUP_S3_BUCKET: "quire-disk-backups",
        BACKUP_S3_ENDPOINT: s3.endpoint,
        BACKUP_S3_REGION: "us-east-1",
        BACKUP_S3_ACCESS_KEY_ID: "S3RVER",
        BACKUP_S3_SECRET_ACCESS_KEY: "S3RVER",
      };
      const noMediaBucket = Object.fromEntries(Object.keys(s3.environment("x")).map((name) => [name, undefined]));
      try {
        stubAppEnvironment(site.url, { QUIRE_DATA_DIR: siteDir, ...backupEnvironment });
        vi.resetModules();
        delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
        // What the scheduled job (lib/backup/jobs.ts) runs with, from the validated environment.
        const { env } = await import("@/lib/env");
        const { mediaStorage } = await import("@/lib/media/configured-storage");
        const { localDiskStorage } = await import("@/lib/media/storage");
        const { backupBucketForEnvironment } = await import("@/lib/backup/offsite");
        const { runScheduledBackup, saveBackupSchedule } = await import("@/lib/backup/schedule");
        const { seedDemoArchive: seedOnDisk } = await import("@/scripts/demo/seed-database");
        expect(mediaStorage).toBe(localDiskStorage);
        await seedOnDisk(site.url, { count: 5, storage: localDiskStorage });
        const files = await site.db.media.findMany({ select: { storageKey: true } });
        expect(files.length).toBeGreaterThan(3);
        const hashOf = (dir: string, key: string) =>
          createHash("sha256")
            .update(fs.readFileSync(path.join(dir, "media", key)))
            .digest("hex");
        const hashes = new Map(files.map((file) => [file.storageKey, hashOf(siteDir, file.storageKey)]));

        const admin = await site.db.user.create({
          data: { email: "disk-backups@example.org", name: "Backups", role: "ADMIN", passwordHash: "x" },
        });
        await saveBackupSchedule(site.db, { enabled: true, hour: 3, keep: 2 }, admin.id);
        const bucket = backupBucketForEnvironment(env);
        expect(bucket).not.toBeNull();
        const run = await runScheduledBackup({
          database: site.db,
          databaseUrl: env.DATABASE_URL,
          storage: mediaStorage,
          dataDir: siteDir,
          offsite: bucket,
          now: new Date("2026-12-03T03:10:00Z"),
        });
        expect(run).toMatchObject({ offsite: `backups/${run!.file}` });
        const copy = await bucket!.get(`backups/${run!.file}`);
        expect((await bytesOf(copy!.body)).equals(fs.readFileSync(path.join(siteDir, "backups", run!.file!)))).toBe(
          true,
        );
        // Not in the media account's buckets: it went where BACKUP_S3_ says.
        expect(await s3Storage(s3.config("quire-backups")).get(`backups/${run!.file}`)).toBeNull();

        const restored = await runScript("restore.ts", ["--from-s3", run!.file!], {
          ...noMediaBucket,
          ...backupEnvironment,
          DATABASE_URL: target.url,
          QUIRE_DATA_DIR: targetDir,
        });
        expect(restored.stderr).toBe("");
        expect(restored.code).toBe(0);
        expect(await target.db.publication.count()).toBe(await site.db.publication.count());
        // The files are back on disk, byte for byte.
        for (const [key, hash] of hashes) expect(hashOf(targetDir, key), key).toBe(hash);
      } finally {
        vi.unstubAllEnvs();
        await (globalThis as { quireDatabase?: { $disconnect(): Promise<void> } }).quireDatabase?.$disconnect();
        delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
        await site.drop();
        await target.drop();
        fs.rmSync(siteDir, { recursive: true, force: true });
        fs.rmSync(targetDir, { recursive: true, force: true });
      }
    },
  );
});

describe("/media/… sending readers to the storage", () => {
  it("redirects to a presigned URL that serves the file with its recorded type, for named files only", async () => {
    stubAppEnvironment(testDatabase.url, {
      ...s3.environment("quire-media"),
      MEDIA_SIGNED_URL_SECONDS: "120",
      QUIRE_DATA_DIR: dataDir,
    });
    vi.resetModules();
    delete (globalThis as { quireDatabase?: unknown }).quireDatabase;
    const route = await import("@/app/media/[...key]/route");
    const serve = (key: string) =>
      route.GET(new Request(`https://think.example.org/media/${key}`), {
        params: Promise.resolve({ key: key.split("/") }),
      });

    for (const item of [media.find((row) => row.kind === "IMAGE")!, media.find((row) => row.kind === "PDF")!]) {
      const response = await serve(item.storageKey);
      expect(response.status, item.storageKey).toBe(302);
      expect(response.headers.get("cache-control")).toBe("public, max-age=60");
      const location = new URL(response.headers.get("location")!);
      expect(location.origin).toBe(s3.endpoint);
      expect(location.searchParams.get("X-Amz-Expires")).toBe("120");
      const file = await fetch(location);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe(item.mimeType);
      if (item.kind === "PDF") expect(file.headers.get("content-disposition")).toMatch(/^inline; filename="/);
      expect((await file.arrayBuffer()).byteLength).toBe(item.sizeBytes);
    }

    // A key the library does not name gets the usual 404, never a storage address.
    const unknown = await serve("uploads/0000000000000000000000000000000000000000000000000000000000000000.png");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("location")).toBeNull();
  });

  it("redirects to the public bucket or CDN under MEDIA_PUBLIC_URL, where the file is", async () => {
    const delivery = mediaDeliveryFor(
      { MEDIA_PUBLIC_URL: `${s3.endpoint}/quire-media` },
      s3Storage(s3.config("quire-media")),
    );
    const item = media.find((row) => row.kind === "IMAGE")!;
    const response = await mediaRedirect(delivery, item.storageKey, { ...item, filename: "x" });
    expect(response!.status).toBe(302);
    expect(response!.headers.get("location")).toBe(`${s3.endpoint}/quire-media/${item.storageKey}`);
    expect(response!.headers.get("cache-control")).toBe("public, max-age=86400");
    // s3rver lets anyone read, as a public bucket does.
    const file = await fetch(response!.headers.get("location")!);
    expect((await file.arrayBuffer()).byteLength).toBe(item.sizeBytes);
  });

  it("streams through the server when neither is set", async () => {
    const delivery = mediaDeliveryFor({}, s3Storage(s3.config("quire-media")));
    expect(delivery.kind).toBe("stream");
    expect(
      await mediaRedirect(delivery, "demo/x.svg", { mimeType: "image/svg+xml", filename: "x", kind: "IMAGE" }),
    ).toBeNull();
  });
});
