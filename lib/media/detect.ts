/**
 * What a file really is, read from its first bytes (its "magic number") rather than from
 * its name or the type the browser declared, both of which the uploader controls.
 */
export type DetectedType = {
  kind: "IMAGE" | "PDF" | "AUDIO";
  mimeType:
    | "image/jpeg"
    | "image/png"
    | "image/gif"
    | "image/webp"
    | "image/avif"
    | "application/pdf"
    | "audio/mpeg"
    | "audio/mp4"
    | "audio/ogg"
    | "audio/wav";
  extension: "jpg" | "png" | "gif" | "webp" | "avif" | "pdf" | "mp3" | "m4a" | "ogg" | "opus" | "wav";
  label: string;
};

export type DetectedKind = DetectedType["kind"];

const TYPES = {
  jpeg: { kind: "IMAGE", mimeType: "image/jpeg", extension: "jpg", label: "JPEG image" },
  png: { kind: "IMAGE", mimeType: "image/png", extension: "png", label: "PNG image" },
  gif: { kind: "IMAGE", mimeType: "image/gif", extension: "gif", label: "GIF image" },
  webp: { kind: "IMAGE", mimeType: "image/webp", extension: "webp", label: "WebP image" },
  avif: { kind: "IMAGE", mimeType: "image/avif", extension: "avif", label: "AVIF image" },
  pdf: { kind: "PDF", mimeType: "application/pdf", extension: "pdf", label: "PDF" },
  mp3: { kind: "AUDIO", mimeType: "audio/mpeg", extension: "mp3", label: "MP3 audio file" },
  m4a: { kind: "AUDIO", mimeType: "audio/mp4", extension: "m4a", label: "M4A (AAC) audio file" },
  vorbis: { kind: "AUDIO", mimeType: "audio/ogg", extension: "ogg", label: "Ogg Vorbis audio file" },
  opus: { kind: "AUDIO", mimeType: "audio/ogg", extension: "opus", label: "Ogg Opus audio file" },
  wav: { kind: "AUDIO", mimeType: "audio/wav", extension: "wav", label: "WAV audio file" },
} as const satisfies Record<string, DetectedType>;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** The brands an ISO-BMFF file (MP4, HEIF) names in its leading ftyp box: major, then compatible. */
function ftypBrands(bytes: Uint8Array): string[] {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== "ftyp") return [];
  const boxSize = Math.min(
    ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0,
    bytes.length,
    256,
  );
  const brands = [ascii(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, offset + 4));
  return brands;
}

/** An AVIF image: the HEIF family with an AVIF brand. */
function isAvif(bytes: Uint8Array): boolean {
  return ftypBrands(bytes).some((brand) => brand === "avif" || brand === "avis");
}

/**
 * An M4A file: AAC audio in an MP4 container, which names the audio-only brands "M4A " or
 * "M4B " (audiobooks). An MP4 with only general brands (isom, mp42) may hold video, and is
 * not accepted as audio.
 */
function isM4a(bytes: Uint8Array): boolean {
  return ftypBrands(bytes).some((brand) => brand === "M4A " || brand === "M4B ");
}

/**
 * An MP3 file: an ID3v2 tag (version 2 to 4, its size in four 7-bit bytes) or, untagged,
 * an MPEG audio Layer III frame header: 11 sync bits, a real version, layer III, a bitrate
 * and a sample rate that are not the reserved values. (ADTS AAC has layer 0 and is refused;
 * JPEG's FF D8 has no sync bits.)
 */
function isMp3(bytes: Uint8Array): boolean {
  if (
    ascii(bytes, 0, 3) === "ID3" &&
    bytes.length >= 10 &&
    bytes[3]! >= 2 &&
    bytes[3]! <= 4 &&
    bytes[4] !== 0xff &&
    [6, 7, 8, 9].every((index) => bytes[index]! < 0x80)
  )
    return true;
  if (bytes.length < 4 || bytes[0] !== 0xff || (bytes[1]! & 0xe0) !== 0xe0) return false;
  const version = (bytes[1]! >> 3) & 0b11;
  const layer = (bytes[1]! >> 1) & 0b11;
  const bitrate = bytes[2]! >> 4;
  const sampleRate = (bytes[2]! >> 2) & 0b11;
  return version !== 0b01 && layer === 0b01 && bitrate !== 0 && bitrate !== 0b1111 && sampleRate !== 0b11;
}

/**
 * An Ogg file whose first page begins a Vorbis or Opus stream: "OggS", version 0, the
 * beginning-of-stream flag, and the first packet (after the 27-byte header and its segment
 * table) opening with the codec's identification header. Ogg FLAC, Theora video and others
 * are not accepted.
 */
function oggCodec(bytes: Uint8Array): "vorbis" | "opus" | null {
  if (bytes.length < 28 || ascii(bytes, 0, 4) !== "OggS" || bytes[4] !== 0 || (bytes[5]! & 0x02) === 0) return null;
  const packet = 27 + bytes[26]!;
  if (bytes[packet] === 0x01 && ascii(bytes, packet + 1, packet + 7) === "vorbis") return "vorbis";
  if (ascii(bytes, packet, packet + 8) === "OpusHead") return "opus";
  return null;
}

/**
 * A WAV file: a RIFF container of form type WAVE whose first chunk is a whole format chunk
 * ("fmt ", at least 16 bytes) for PCM, floating-point or extensible samples, 1 to 8 channels.
 */
function isWav(bytes: Uint8Array): boolean {
  if (bytes.length < 24 || ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 12) !== "WAVE") return false;
  if (ascii(bytes, 12, 16) !== "fmt ") return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkSize = view.getUint32(16, true);
  const format = view.getUint16(20, true);
  const channels = view.getUint16(22, true);
  return chunkSize >= 16 && [0x0001, 0x0003, 0xfffe].includes(format) && channels >= 1 && channels <= 8;
}

/** The type of the file these bytes begin, or null when it is none Quire accepts. */
export function detectFileType(bytes: Uint8Array): DetectedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return TYPES.jpeg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return TYPES.png;
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return TYPES.gif;
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return TYPES.webp;
  if (isAvif(bytes)) return TYPES.avif;
  if (ascii(bytes, 0, 5) === "%PDF-") return TYPES.pdf;
  if (isMp3(bytes)) return TYPES.mp3;
  if (isM4a(bytes)) return TYPES.m4a;
  const ogg = oggCodec(bytes);
  if (ogg) return TYPES[ogg];
  if (isWav(bytes)) return TYPES.wav;
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
export function claimedKind(declaredType: string, filename: string): DetectedKind | null {
  const type = declaredType.toLowerCase();
  if (type.startsWith("image/")) return "IMAGE";
  if (type === "application/pdf") return "PDF";
  if (type.startsWith("audio/")) return "AUDIO";
  const extension = filename.toLowerCase().split(".").pop() ?? "";
  if (["jpg", "jpeg", "png", "gif", "webp", "avif"].includes(extension)) return "IMAGE";
  if (extension === "pdf") return "PDF";
  if (["mp3", "m4a", "m4b", "aac", "ogg", "oga", "opus", "wav"].includes(extension)) return "AUDIO";
  return null;
}

/** "a JPEG image", "an MP3 audio file": a type's label with its article, for messages. */
export function withArticle(label: string): string {
  return `${/^(AVIF|MP3|M4A|Ogg|[AEIOU])/.test(label) ? "an" : "a"} ${label}`;
}

/** "an image", "a PDF", "an audio file": for messages. */
export function kindNoun(kind: DetectedKind): string {
  return kind === "IMAGE" ? "an image" : kind === "PDF" ? "a PDF" : "an audio file";
}
