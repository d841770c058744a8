/**
 * Media for the demo archive, generated rather than copied: abstract SVG illustrations
 * (featured images, with alt text, caption and credit), a one-page PDF attached to
 * reports, and a few seconds of audio (a WAV chime) for a past event's recording. Files go
 * to the media store, rows to the Media table; both idempotent.
 */
import type pg from "pg";
import type { MediaStorage } from "@/lib/media/storage";

const WIDTH = 1200;
const HEIGHT = 675;

const PALETTES = [
  ["#0b4f8a", "#3a86c8", "#d9e8f5", "blue"],
  ["#0f5e55", "#2fa58f", "#d5f0ea", "teal"],
  ["#6b2d5c", "#b05a8f", "#f3dcea", "plum"],
  ["#7a4a0c", "#c98a2b", "#f7ead2", "amber"],
  ["#2f3a4a", "#66788f", "#e1e6ee", "slate"],
  ["#5a1f1f", "#b24a3a", "#f5dcd6", "brick"],
] as const;

const SUBJECTS = [
  "the Korean Peninsula at night",
  "shipping lanes in the East Sea",
  "a semiconductor wafer",
  "a negotiating table",
  "power lines across farmland",
  "a city skyline at dusk",
];

export type DemoImage = { storageKey: string; alt: string; caption: string; credit: string };

export const DEMO_IMAGES: DemoImage[] = Array.from({ length: 12 }, (_, index) => {
  const [, , , colourName] = PALETTES[index % PALETTES.length]!;
  const subject = SUBJECTS[index % SUBJECTS.length]!;
  return {
    storageKey: `demo/illustration-${String(index + 1).padStart(2, "0")}.svg`,
    alt: `Abstract ${colourName} illustration suggesting ${subject}`,
    caption: `An impression of ${subject}.`,
    credit: "Illustration: Quire Institute",
  };
});

export const DEMO_REPORT_PDF = { storageKey: "demo/report-summary.pdf", filename: "report-summary.pdf" };

export const DEMO_EVENT_AUDIO = { storageKey: "demo/event-audio-excerpt.wav", filename: "event-audio-excerpt.wav" };

/** Four seconds of 8 kHz mono 16-bit PCM: two soft tones that fade, as a WAV file. */
function chimeWav(): Buffer {
  const rate = 8000;
  const samples = rate * 4;
  const data = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index++) {
    const t = index / rate;
    const tone = (frequency: number, start: number) =>
      t < start ? 0 : Math.sin(2 * Math.PI * frequency * (t - start)) * Math.exp(-2.5 * (t - start));
    data.writeInt16LE(Math.round(6000 * (tone(523.25, 0) + tone(659.25, 1.2) + tone(783.99, 2.4))), index * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

function illustrationSvg(index: number): string {
  const [dark, mid, light] = PALETTES[index % PALETTES.length]!;
  const shapes: string[] = [];
  for (let i = 0; i < 9; i++) {
    const x = ((index * 137 + i * 211) % WIDTH) + 40;
    const y = ((index * 89 + i * 157) % HEIGHT) + 20;
    const r = 60 + ((index * 31 + i * 47) % 180);
    shapes.push(
      `<circle cx="${x}" cy="${y}" r="${r}" fill="${i % 2 ? mid : light}" fill-opacity="${(0.15 + (i % 4) * 0.1).toFixed(2)}"/>`,
    );
  }
  for (let i = 0; i < 6; i++) {
    const y = 80 + i * 100 + (index % 3) * 12;
    shapes.push(
      `<path d="M0 ${y} C ${WIDTH / 3} ${y - 60}, ${(2 * WIDTH) / 3} ${y + 60}, ${WIDTH} ${y}" stroke="${light}" stroke-opacity="0.35" stroke-width="3" fill="none"/>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${dark}"/><stop offset="1" stop-color="${mid}"/></linearGradient></defs>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#g)"/>`,
    ...shapes,
    "</svg>",
  ].join("");
}

/** A minimal, valid one-page PDF (the byte offsets in its cross-reference table are computed). */
function reportPdf(): Buffer {
  const text = "Quire Institute - Report summary (demo archive)";
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** Writes the demo files and their Media rows; returns the row ids by storage key. */
export async function ensureDemoMedia(pool: pg.Pool, storage: MediaStorage): Promise<Map<string, number>> {
  const rows: Array<{
    key: string;
    kind: "IMAGE" | "PDF" | "AUDIO";
    filename: string;
    mime: string;
    contents: Buffer | string;
    alt: string;
    caption: string;
    credit: string;
    width: number | null;
    height: number | null;
  }> = [
    ...DEMO_IMAGES.map((image, index) => ({
      key: image.storageKey,
      kind: "IMAGE" as const,
      filename: image.storageKey.split("/")[1]!,
      mime: "image/svg+xml",
      contents: illustrationSvg(index),
      alt: image.alt,
      caption: image.caption,
      credit: image.credit,
      width: WIDTH,
      height: HEIGHT,
    })),
    {
      key: DEMO_REPORT_PDF.storageKey,
      kind: "PDF",
      filename: DEMO_REPORT_PDF.filename,
      mime: "application/pdf",
      contents: reportPdf(),
      alt: "",
      caption: "",
      credit: "",
      width: null,
      height: null,
    },
    {
      key: DEMO_EVENT_AUDIO.storageKey,
      kind: "AUDIO",
      filename: DEMO_EVENT_AUDIO.filename,
      mime: "audio/wav",
      contents: chimeWav(),
      alt: "",
      caption: "An excerpt of the event's audio.",
      credit: "",
      width: null,
      height: null,
    },
  ];
  const ids = new Map<string, number>();
  for (const row of rows) {
    await storage.put(row.key, Buffer.from(row.contents), row.mime);
    const { rows: saved } = await pool.query<{ id: number }>(
      `INSERT INTO "Media" (kind, filename, "mimeType", "sizeBytes", width, height, alt, caption, credit, "storageKey")
       VALUES ($1::"MediaKind", $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT ("storageKey") DO UPDATE SET "sizeBytes" = EXCLUDED."sizeBytes"
       RETURNING id`,
      [
        row.kind,
        row.filename,
        row.mime,
        Buffer.byteLength(row.contents),
        row.width,
        row.height,
        row.alt,
        row.caption,
        row.credit,
        row.key,
      ],
    );
    ids.set(row.key, saved[0]!.id);
  }
  return ids;
}
