/**
 * npm run backup → npm run restore into another database and data folder gives the same
 * site: every table's rows (count and checksum) and every media file (SHA-256), and the
 * generated secret. A restore refuses a database holding rows without --force, and an
 * encrypted backup restores only with its passphrase.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, isolatedTestDatabase, type TestDatabase } from "./support/database";
import { stubAppEnvironment } from "./support/request-scope";
import { runScript, STACK_FRAME } from "./support/run-script";

const source = isolatedTestDatabase();
const folders: string[] = [];
const targets: Array<{ drop(): Promise<void> }> = [];
let sourceDir: string;
const PASSPHRASE = "correct horse battery staple";

function temporaryDir(label: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `quire-backup-${label}-`));
  folders.push(folder);
  return folder;
}

async function emptyDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase({ empty: true });
  targets.push(database);
  return database;
}

/** Row count and checksum of every table of the app's schema (Prisma's own record aside). */
async function tableChecksums(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name::text AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
        ORDER BY 1`,
    );
    const sums: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ rows: number; sum: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM "${name}" t`,
      );
      sums[name] = `${rows[0]!.rows} rows, ${rows[0]!.sum}`;
    }
    return sums;
  } finally {
    await client.end();
  }
}

function fileHashes(folder: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  if (!fs.existsSync(folder)) return hashes;
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    hashes[path.relative(folder, full)] = createHash("sha256").update(fs.readFileSync(full)).digest("hex");
  }
  return hashes;
}

beforeAll(async () => {
  sourceDir = temporaryDir("source");
  // The demo archive writes its media files under QUIRE_DATA_DIR, read when storage loads.
  process.env.QUIRE_DATA_DIR = sourceDir;
  const { seedSiteContent } = await import("./support/site-content");
  await seedSiteContent(source.db, source.url);
  fs.writeFileSync(path.join(sourceDir, "nextauth-secret"), "a-generated-secret-of-this-site", { mode: 0o600 });
}, 180_000);

afterAll(async () => {
  for (const target of targets) await target.drop();
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

describe("npm run backup and npm run restore", () => {
  // Each runs the commands as people do: a process, and the migrations, each time.
  it(
    "rebuild the same tables, media files and secret in another database and data folder",
    { timeout: 240_000 },
    async () => {
      const archive = path.join(temporaryDir("out"), "site.tar.gz");
      const backup = await runScript("backup.ts", ["--out", archive], {
        DATABASE_URL: source.url,
        QUIRE_DATA_DIR: sourceDir,
      });
      expect(backup.stderr).toBe("");
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain("readable by its owner only");
      expect(fs.statSync(archive).mode & 0o777).toBe(0o600);

      const target = await emptyDatabase();
      const targetDir = temporaryDir("target");
      const restore = await runScript("restore.ts", [archive], { DATABASE_URL: target.url, QUIRE_DATA_DIR: targetDir });
      expect(restore.stderr).toBe("");
      expect(restore.code).toBe(0);

      const expected = await tableChecksums(source.url);
      expect(Object.keys(expected)).toContain("Publication");
      expect(Number(expected.Publication!.split(" ")[0])).toBeGreaterThan(40);
      expect(await tableChecksums(target.url)).toEqual(expected);
      const media = fileHashes(path.join(sourceDir, "media"));
      expect(Object.keys(media).length).toBeGreaterThan(0);
      expect(fileHashes(path.join(targetDir, "media"))).toEqual(media);
      expect(fs.readFileSync(path.join(targetDir, "nextauth-secret"), "utf8")).toBe("a-generated-secret-of-this-site");

      // The restored site goes on numbering where the old one stopped.
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO "Redirect" ("fromPath", "toPath") VALUES ('/new-after-restore', '/') RETURNING id`,
      );
      const { rows: max } = await client.query<{ max: number }>(`SELECT max(id)::int AS max FROM "Redirect"`);
      await client.end();
      expect(rows[0]!.id).toBe(max[0]!.max);

      // Now the database holds rows: refused without --force, replaced with it.
      const again = await runScript("restore.ts", [archive], { DATABASE_URL: target.url, QUIRE_DATA_DIR: targetDir });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("Nothing was restored");
      expect(again.stderr).not.toMatch(STACK_FRAME);
      const forced = await runScript("restore.ts", [archive, "--force"], {
        DATABASE_URL: target.url,
        QUIRE_DATA_DIR: targetDir,
      });
      expect(forced.stderr).toBe("");
      expect(forced.code).toBe(0);
      expect(await tableChecksums(target.url)).toEqual(expected);
    },
  );

  it("encrypts with the passphrase, and restores only with it", { timeout: 240_000 }, async () => {
    const archive = path.join(temporaryDir("out"), "site.tar.gz.enc");
    const backup = await runScript("backup.ts", ["--out", archive, "--encrypt"], {
      DATABASE_URL: source.url,
      QUIRE_DATA_DIR: sourceDir,
      QUIRE_BACKUP_PASSPHRASE: PASSPHRASE,
    });
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const bytes = fs.readFileSync(archive);
    expect(bytes.subarray(0, 8).toString()).toBe("QUIREBK1");
    // Nothing readable inside: not even the gzip header.
    expect(bytes.includes(Buffer.from("manifest.json"))).toBe(false);

    const target = await emptyDatabase();
    const wrong = await runScript("restore.ts", [archive], {
      DATABASE_URL: target.url,
      QUIRE_DATA_DIR: temporaryDir("wrong"),
      QUIRE_BACKUP_PASSPHRASE: "not the right passphrase",
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("does not decrypt");

    const targetDir = temporaryDir("encrypted-target");
    const restore = await runScript("restore.ts", [archive], {
      DATABASE_URL: target.url,
      QUIRE_DATA_DIR: targetDir,
      QUIRE_BACKUP_PASSPHRASE: PASSPHRASE,
    });
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(await tableChecksums(target.url)).toEqual(await tableChecksums(source.url));
  });

  it("refuses --encrypt without a passphrase, and a file that is not a backup", async () => {
    const noPassphrase = await runScript(
      "backup.ts",
      ["--out", path.join(temporaryDir("out"), "x.tar.gz"), "--encrypt"],
      {
        DATABASE_URL: source.url,
        QUIRE_DATA_DIR: sourceDir,
        QUIRE_BACKUP_PASSPHRASE: undefined,
      },
    );
    expect(noPassphrase.code).toBe(1);
    expect(noPassphrase.stderr).toContain("QUIRE_BACKUP_PASSPHRASE");

    const notABackup = path.join(temporaryDir("junk"), "junk.tar.gz");
    fs.writeFileSync(notABackup, "this is not an archive");
    const target = await emptyDatabase();
    const run = await runScript("restore.ts", [notABackup], {
      DATABASE_URL: target.url,
      QUIRE_DATA_DIR: temporaryDir("j"),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Nothing was restored: Not a Quire backup");
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("the snapshot", () => {
  it("is consistent while the site goes on writing: every table as of the same moment", async () => {
    const { writeBackup } = await import("@/lib/backup/backup");
    const { extractTar } = await import("@/lib/export/tar");
    const { localDiskStorage } = await import("@/lib/media/storage");
    // Each transaction writes an audit entry and a suppression together: a backup holds both
    // or neither. The two tables are copied first and nearly last (by name), so without one
    // snapshot the second would hold pairs the first lacks. Three writers keep them coming.
    let written = 0;
    let writing = true;
    const writeOnePair = async () => {
      const n = ++written;
      await source.db.$transaction([
        source.db.auditLog.create({ data: { action: "test.pair", entityType: "Test", entityId: `pair-${n}` } }),
        source.db.suppression.create({ data: { emailHash: `pair-${n}` } }),
      ]);
    };
    const writers = Array.from({ length: 3 }, async () => {
      while (writing) await writeOnePair();
    });
    await vi.waitFor(() => expect(written).toBeGreaterThan(10), { timeout: 30_000, interval: 20 });
    const dataDir = temporaryDir("snapshot");
    const file = path.join(dataDir, "during-writes.tar.gz");
    const before = written;
    await writeBackup({ databaseUrl: source.url, storage: localDiskStorage, dataDir, outFile: file });
    const after = written;
    writing = false;
    await Promise.all(writers);

    const extracted = temporaryDir("snapshot-extracted");
    await extractTar(fs.createReadStream(file).pipe(createGunzip()), extracted, { maxBytes: 1e9, maxEntries: 1e5 });
    const lines = (table: string, pattern: RegExp) =>
      fs
        .readFileSync(path.join(extracted, "tables", `${table}.copy`), "utf8")
        .split("\n")
        .filter((line) => pattern.test(line)).length;
    const entries = lines("AuditLog", /\tpair-\d+\t/);
    const suppressions = lines("Suppression", /^pair-\d+\t/);
    expect(entries).toBeGreaterThanOrEqual(before - 3); // up to three were still being written
    expect(entries).toBeLessThanOrEqual(after);
    expect(suppressions).toBe(entries);
  });
});

describe("scheduled backups", () => {
  it("take one backup a day at the chosen hour and keep the newest N", async () => {
    const { runScheduledBackup, saveBackupSchedule, loadLastBackupRun, backupFolder } =
      await import("@/lib/backup/schedule");
    const { listBackups } = await import("@/lib/backup/files");
    const { localDiskStorage } = await import("@/lib/media/storage");
    const dataDir = temporaryDir("scheduled");
    const context = { database: source.db, databaseUrl: source.url, storage: localDiskStorage, dataDir };
    const at = (day: number, hour: number, minute = 5) => new Date(Date.UTC(2026, 11, day, hour, minute));

    expect(await runScheduledBackup({ ...context, now: at(1, 3) })).toBeNull(); // off by default

    const admin = await source.db.user.findUniqueOrThrow({ where: { email: "editor-with-secrets@example.org" } });
    const refused = await saveBackupSchedule(source.db, { enabled: "on", hour: "24", keep: "2" }, admin.id);
    expect(refused).toMatchObject({ ok: false, status: 400, fieldErrors: { hour: "Enter an hour from 0 to 23" } });
    const saved = await saveBackupSchedule(source.db, { enabled: "on", hour: "3", keep: "2" }, admin.id);
    expect(saved).toMatchObject({
      ok: true,
      message: "A backup is taken every day at 03:00 UTC; the newest 2 are kept.",
    });
    expect(
      await source.db.auditLog.count({ where: { action: "settings.backup_schedule_update", actorId: admin.id } }),
    ).toBe(1);

    expect(await runScheduledBackup({ ...context, now: at(1, 4) })).toBeNull(); // not its hour
    for (const day of [1, 2, 3]) {
      const run = await runScheduledBackup({ ...context, now: at(day, 3) });
      expect(run).toMatchObject({ file: `quire-backup-2026-12-0${day}T0305Z.tar.gz` });
      expect(await runScheduledBackup({ ...context, now: at(day, 3, 40) })).toBeNull(); // once in the hour
    }
    const kept = await listBackups(backupFolder(dataDir));
    expect(kept.map((file) => file.name)).toEqual([
      "quire-backup-2026-12-03T0305Z.tar.gz",
      "quire-backup-2026-12-02T0305Z.tar.gz",
    ]);
    expect(kept.every((file) => (fs.statSync(file.path).mode & 0o777) === 0o600)).toBe(true);
    expect(await loadLastBackupRun(source.db)).toMatchObject({
      file: "quire-backup-2026-12-03T0305Z.tar.gz",
      deleted: 1,
    });

    // The job that runs it every hour is among the server's jobs.
    stubAppEnvironment(source.url);
    const { scheduledBackupJob } = await import("@/lib/backup/jobs");
    expect(scheduledBackupJob.cron).toMatch(/^\d+ \* \* \* \*$/);
    const { JOBS } = await import("@/lib/workers");
    expect(JOBS).toContain(scheduledBackupJob);
    vi.unstubAllEnvs();
  });
});
