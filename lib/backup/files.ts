/**
 * Backup files by name: quire-backup-2026-12-04T0300Z.tar.gz (".enc" when encrypted), so
 * they sort by time; the scheduled job keeps the newest N in QUIRE_DATA_DIR/backups.
 */
import fsPromises from "node:fs/promises";
import path from "node:path";

const BACKUP_NAME = /^quire-backup-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})Z\.tar\.gz(\.enc)?$/;

/** Whether `name` is a backup file's name as backupFileName writes it. */
export function isBackupFileName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

export function backupFileName(at: Date, encrypted: boolean): string {
  const stamp = at.toISOString().slice(0, 16).replace(":", "");
  return `quire-backup-${stamp}Z.tar.gz${encrypted ? ".enc" : ""}`;
}

export type BackupFile = { name: string; path: string; bytes: number; takenAt: Date; encrypted: boolean };

/** The backups in `folder`, newest first (none when the folder does not exist). */
export async function listBackups(folder: string): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = await fsPromises.readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const match = BACKUP_NAME.exec(name);
    if (!match) continue;
    const file = path.join(folder, name);
    const { size } = await fsPromises.stat(file);
    files.push({
      name,
      path: file,
      bytes: size,
      takenAt: new Date(`${match[1]}T${match[2]}:${match[3]}:00Z`),
      encrypted: Boolean(match[4]),
    });
  }
  return files.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.name.localeCompare(a.name));
}

/** Deletes all but the newest `keep` backups in `folder`; returns the names deleted. */
export async function pruneBackups(folder: string, keep: number): Promise<string[]> {
  const old = (await listBackups(folder)).slice(keep);
  for (const file of old) await fsPromises.rm(file.path, { force: true });
  return old.map((file) => file.name);
}
