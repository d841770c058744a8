/**
 * Optional encryption of a backup with a passphrase (QUIRE_BACKUP_PASSPHRASE): AES-256-GCM
 * from node's crypto, the key derived with scrypt from the passphrase and a random salt.
 *
 *   "QUIREBK1" (8 bytes) | salt (16) | IV (12) | ciphertext | GCM tag (16)
 *
 * The tag at the end authenticates the whole file: a restore reads it first, decrypts into
 * a temporary folder, and uses nothing unless the tag matches (a wrong passphrase or a
 * damaged file fails there).
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type CipherGCM, type DecipherGCM } from "node:crypto";
import fsPromises from "node:fs/promises";
import { promisify } from "node:util";

export const ENCRYPTED_MAGIC = Buffer.from("QUIREBK1");
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const ENCRYPTED_HEADER_BYTES = ENCRYPTED_MAGIC.length + SALT_BYTES + IV_BYTES;
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export class BackupDecryptionError extends Error {}

const deriveKey = (passphrase: string, salt: Buffer) =>
  (promisify(scrypt) as (password: string, salt: Buffer, length: number, options: object) => Promise<Buffer>)(
    passphrase,
    salt,
    32,
    SCRYPT,
  );

/** A cipher for a new encrypted file, and the header to write before its output. */
export async function createEncryption(passphrase: string): Promise<{ header: Buffer; cipher: CipherGCM }> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", await deriveKey(passphrase, salt), iv);
  return { header: Buffer.concat([ENCRYPTED_MAGIC, salt, iv]), cipher };
}

/** Whether the file starts as an encrypted backup does. */
export async function isEncryptedFile(file: string): Promise<boolean> {
  const handle = await fsPromises.open(file, "r");
  try {
    const start = Buffer.alloc(ENCRYPTED_MAGIC.length);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    return bytesRead === start.length && start.equals(ENCRYPTED_MAGIC);
  } finally {
    await handle.close();
  }
}

/**
 * A decipher for an encrypted file, with the byte range of its ciphertext. The tag is set
 * from the file's last bytes: `final()` throws if anything was changed or the key is wrong.
 */
export async function createDecryption(
  file: string,
  passphrase: string,
): Promise<{ decipher: DecipherGCM; start: number; end: number }> {
  const handle = await fsPromises.open(file, "r");
  try {
    const { size } = await handle.stat();
    if (size < ENCRYPTED_HEADER_BYTES + TAG_BYTES) throw new BackupDecryptionError("The encrypted backup is cut short");
    const header = Buffer.alloc(ENCRYPTED_HEADER_BYTES);
    await handle.read(header, 0, header.length, 0);
    const tag = Buffer.alloc(TAG_BYTES);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    const salt = header.subarray(ENCRYPTED_MAGIC.length, ENCRYPTED_MAGIC.length + SALT_BYTES);
    const iv = header.subarray(ENCRYPTED_MAGIC.length + SALT_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", await deriveKey(passphrase, salt), iv);
    decipher.setAuthTag(tag);
    // end is inclusive, as fs.createReadStream takes it.
    return { decipher, start: ENCRYPTED_HEADER_BYTES, end: size - TAG_BYTES - 1 };
  } finally {
    await handle.close();
  }
}
