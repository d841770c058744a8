/**
 * What a file really is, read from its first bytes (its "magic number") rather than from
 * its name or the type the browser declared, both of which the uploader controls.
 */
export type DetectedType = {
  kind: "IMAGE" | "PDF";
  mimeType: "image/jpeg" | "image/png" | "image/gif" | "image/webp" | "image/avif" | "application/pdf";
  extension: "jpg" | "png" | "gif" | "webp" | "avif" | "pdf";
  label: string;
};

const TYPES = {
  jpeg: { kind: "IMAGE", mimeType: "image/jpeg", extension: "jpg", label: "JPEG image" },
  png: { kind: "IMAGE", mimeType: "image/png", extension: "png", label: "PNG image" },
  gif: { kind: "IMAGE", mimeType: "image/gif", extension: "gif", label: "GIF image" },
  webp: { kind: "IMAGE", mimeType: "image/webp", extension: "webp", label: "WebP image" },
  avif: { kind: "IMAGE", mimeType: "image/avif", extension: "avif", label: "AVIF image" },
  pdf: { kind: "PDF", mimeType: "application/pdf", extension: "pdf", label: "PDF" },
} as const satisfies Record<string, DetectedType>;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** An ISO-BMFF file (HEIF family) whose ftyp box names an AVIF brand. */
function isAvif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== "ftyp") return false;
  const boxSize = Math.min(
    ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0,
    bytes.length,
    256,
  );
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands.some((brand) => brand === "avif" || brand === "avis");
}

/** The type of the file these bytes begin, or null when it is none Quire accepts. */
export function detectFileType(bytes: Uint8Array): DetectedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return TYPES.jpeg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png;
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return TYPES.gif;
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return TYPES.webp;
  if (isAvif(bytes)) return TYPES.avif;
  if (ascii(bytes, 0, 5) === "%PDF-") return TYPES.pdf;
  return null;
}

/** Whether these bytes look like SVG or other XML (refused: see lib/media/upload.ts). */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  return (
    head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg")) || head.startsWith("<!doctype svg")
  );
}

/** The kind a declared MIME type or file name claims, to catch a PDF sent as "photo.png". */
export function claimedKind(declaredType: string, filename: string): "IMAGE" | "PDF" | null {
  const type = declaredType.toLowerCase();
  if (type.startsWith("image/")) return "IMAGE";
  if (type === "application/pdf") return "PDF";
  const extension = filename.toLowerCase().split(".").pop() ?? "";
  if (["jpg", "jpeg", "png", "gif", "webp", "avif"].includes(extension)) return "IMAGE";
  if (extension === "pdf") return "PDF";
  return null;
}
