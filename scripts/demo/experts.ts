/**
 * The demo institute's experts directory: who is listed, their topics, languages and
 * availability for media, and a generated portrait for each (an illustrated silhouette,
 * rasterised with sharp into the media library, as a photo would be). Every person is
 * fictional. Applied only to authors nobody has edited yet (not listed, no photo), so
 * running the seed again never overwrites staff's changes.
 */
import type pg from "pg";
import sharp from "sharp";
import type { MediaStorage } from "@/lib/media/storage";
import { mediaUrl } from "@/lib/format/paths";
import { AUTHORS, CATEGORIES, SERIES, type CategorySlug } from "./catalog";
import { DEMO_IMAGES } from "./demo-media";

type ExpertSeed = { topics: CategorySlug[]; languages: string[] };

const PRESS_OFFICE = "media@hanbit-institute.example.org";

/** By author slug; the two staff members not listed here (programs, communications) are not in the directory. */
const EXPERTS: Record<string, ExpertSeed> = {
  "eleanor-whitfield": { topics: ["alliance-diplomacy", "economics-trade"], languages: ["English", "Japanese"] },
  "kang-min-ji": { topics: ["economics-trade", "technology-supply-chains"], languages: ["Korean", "English"] },
  "daniel-okafor": { topics: ["alliance-diplomacy", "society-culture"], languages: ["English", "French"] },
  "shin-jae-won": { topics: ["technology-supply-chains", "economics-trade"], languages: ["Korean", "English"] },
  "margaret-lindqvist": { topics: ["security", "north-korea"], languages: ["English", "Swedish"] },
  "haruka-morita": {
    topics: ["alliance-diplomacy", "security", "china-region"],
    languages: ["Japanese", "English", "Korean"],
  },
  "thomas-brightwater": { topics: ["economics-trade"], languages: ["English"] },
  "park-seo-yeon": { topics: ["north-korea", "economics-trade"], languages: ["Korean", "English"] },
  "rudiger-hallstein": { topics: ["alliance-diplomacy", "north-korea"], languages: ["German", "English", "Korean"] },
  "wei-lin-zhao": { topics: ["china-region", "security"], languages: ["Mandarin", "English"] },
  "marcus-delgado": { topics: ["security", "alliance-diplomacy"], languages: ["English", "Spanish"] },
  "kenji-okabe": { topics: ["technology-supply-chains", "economics-trade"], languages: ["Japanese", "English"] },
  "jose-ferreira": {
    topics: ["economics-trade", "technology-supply-chains"],
    languages: ["Spanish", "Portuguese", "English"],
  },
  "zoe-marchetti": { topics: ["society-culture"], languages: ["English", "Italian", "Korean"] },
  "yoon-tae-yang": { topics: ["energy-climate"], languages: ["Korean", "English"] },
  "caroline-ashby": { topics: ["north-korea", "society-culture"], languages: ["English"] },
  "liang-qiao": { topics: ["china-region"], languages: ["Mandarin", "English"] },
  "brian-oconnell": { topics: ["security"], languages: ["English"] },
  "agnieszka-wroblewska": { topics: ["alliance-diplomacy"], languages: ["Polish", "English"] },
  "cho-eun-ha": { topics: ["society-culture", "north-korea"], languages: ["Korean", "English"] },
  "nathaniel-crowe": { topics: ["security", "technology-supply-chains"], languages: ["English"] },
  "mei-hua-tan": { topics: ["china-region", "economics-trade"], languages: ["Mandarin", "Malay", "English"] },
  "soren-kjeldsen": { topics: ["energy-climate"], languages: ["Danish", "English"] },
  "priya-raghunathan": { topics: ["technology-supply-chains"], languages: ["English", "Hindi"] },
  "daisuke-arakawa": { topics: ["security", "china-region"], languages: ["Japanese", "English"] },
  "elena-vasquez-hart": { topics: ["energy-climate", "economics-trade"], languages: ["Spanish", "English"] },
  "baek-hyun-woo": { topics: ["north-korea", "security"], languages: ["Korean", "English"] },
  "lukas-novak": { topics: ["alliance-diplomacy"], languages: ["Czech", "English", "German"] },
  "aiko-tsuchiya": { topics: ["society-culture"], languages: ["Japanese", "English"] },
  "francois-delorme": { topics: ["alliance-diplomacy", "energy-climate"], languages: ["French", "English"] },
  "rachel-hennessy": { topics: ["north-korea"], languages: ["English"] },
  "oh-dong-hyun": { topics: ["economics-trade"], languages: ["Korean", "English"] },
  "xiaoyu-fang": { topics: ["china-region", "technology-supply-chains"], languages: ["Mandarin", "English"] },
  "nguyen-thi-lan": { topics: ["china-region", "society-culture"], languages: ["Vietnamese", "English"] },
  "jessica-whitcombe": { topics: ["security"], languages: ["English"] },
  "moon-ha-eun": { topics: ["north-korea"], languages: ["Korean", "English"] },
  "matthias-oberlander": { topics: ["energy-climate"], languages: ["German", "English"] },
  "arjun-mehta": { topics: ["technology-supply-chains"], languages: ["English", "Hindi"] },
};

const PORTRAIT_SIZE = 400;
const TINTS = ["#dbe7f3", "#e3efe9", "#f1e4ec", "#f5ebd9", "#e4e8ef", "#f3e0dc"];
const TONES = ["#f1c9a5", "#e0ac82", "#c68b59", "#a86f45", "#8d5a36", "#f5d5bd"];
const HAIR = ["#2b2118", "#4a3222", "#6b4a2e", "#a77b4f", "#8a8a8a", "#1f1f24"];
const CLOTHES = ["#0b4f8a", "#2f3a4a", "#5a1f1f", "#0f5e55", "#6b2d5c", "#3b3b3b"];

/** A head-and-shoulders silhouette, varied by index: background, skin, hair and jacket. */
function portraitSvg(index: number): string {
  const pick = (list: string[], step: number) => list[(index * step) % list.length]!;
  const size = PORTRAIT_SIZE;
  const longHair = index % 3 === 0;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 400 400">`,
    `<rect width="400" height="400" fill="${pick(TINTS, 1)}"/>`,
    longHair ? `<path d="M120 170 Q120 70 200 70 Q280 70 280 170 L290 290 L110 290 Z" fill="${pick(HAIR, 5)}"/>` : "",
    `<path d="M60 400 Q70 290 200 280 Q330 290 340 400 Z" fill="${pick(CLOTHES, 7)}"/>`,
    `<path d="M170 250 L230 250 L225 300 Q200 315 175 300 Z" fill="${pick(TONES, 11)}"/>`,
    `<ellipse cx="200" cy="175" rx="68" ry="82" fill="${pick(TONES, 11)}"/>`,
    longHair
      ? ""
      : `<path d="M132 160 Q130 90 200 88 Q272 90 268 160 Q250 118 200 116 Q150 118 132 160 Z" fill="${pick(HAIR, 5)}"/>`,
    `<path d="M160 300 L200 340 L240 300 L232 292 L200 322 L168 292 Z" fill="#ffffff" fill-opacity="0.85"/>`,
    "</svg>",
  ].join("");
}

/** Portraits into the media library (files and rows), by author slug; idempotent. */
async function ensurePortraits(
  pool: pg.Pool,
  names: Map<string, string>,
  storage: MediaStorage,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  let index = 0;
  for (const [slug, name] of names) {
    const storageKey = `demo/portrait-${slug}.webp`;
    const contents = await sharp(Buffer.from(portraitSvg(index++)))
      .webp({ quality: 80 })
      .toBuffer();
    await storage.put(storageKey, contents, "image/webp");
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO "Media" (kind, filename, "mimeType", "sizeBytes", width, height, alt, caption, credit, "storageKey")
       VALUES ('IMAGE', $1, 'image/webp', $2, $3, $3, $4, '', 'Illustration: Quire Institute', $5)
       ON CONFLICT ("storageKey") DO UPDATE SET "sizeBytes" = EXCLUDED."sizeBytes"
       RETURNING id`,
      [storageKey.split("/")[1], contents.length, PORTRAIT_SIZE, `Illustrated portrait of ${name}`, storageKey],
    );
    ids.set(slug, rows[0]!.id);
  }
  return ids;
}

/**
 * Lists the demo's fellows and staff in the directory with their profiles, and gives topics
 * and series an image, wherever staff have not set one.
 */
export async function seedExpertProfiles(
  pool: pg.Pool,
  authorIds: Map<string, number>,
  categoryIds: Map<string, number>,
  storage: MediaStorage,
): Promise<void> {
  const names = new Map(AUTHORS.filter((author) => EXPERTS[author.slug]).map((author) => [author.slug, author.name]));
  const { rows: untouched } = await pool.query<{ slug: string }>(
    `SELECT slug FROM "Author" WHERE slug = ANY($1::text[]) AND NOT "isExpert" AND "photoId" IS NULL`,
    [[...names.keys()]],
  );
  const toSeed = new Map([...names].filter(([slug]) => untouched.some((row) => row.slug === slug)));
  const photos = await ensurePortraits(pool, toSeed, storage);
  let position = 0;
  for (const [slug] of toSeed) {
    const seed = EXPERTS[slug]!;
    const index = position++;
    const author = AUTHORS.find((candidate) => candidate.slug === slug)!;
    const leadership = /President|Director/.test(author.title);
    await pool.query(
      `UPDATE "Author" SET "isExpert" = true, languages = $2::text[], "availableForMedia" = $3, "pressContact" = $4,
              "directoryRank" = $5, "photoId" = $6, "updatedAt" = now()
        WHERE id = $1`,
      [
        authorIds.get(slug),
        seed.languages,
        // The leadership, the senior fellows and every other fellow take press calls.
        leadership || author.title === "Senior Fellow" || index % 2 === 0,
        index % 4 === 1 ? `${slug.split("-")[0]}@hanbit-institute.example.org` : PRESS_OFFICE,
        leadership ? index + 1 : author.title === "Senior Fellow" ? 10 : null,
        photos.get(slug),
      ],
    );
    await pool.query(
      `INSERT INTO "AuthorExpertise" ("authorId", "categoryId", position)
       SELECT $1, category, ordinality - 1 FROM unnest($2::int[]) WITH ORDINALITY AS t(category, ordinality)
       ON CONFLICT DO NOTHING`,
      [authorIds.get(slug), seed.topics.map((topic) => categoryIds.get(topic))],
    );
  }
  // Topic and series images: the demo's illustrations, one each.
  for (const [index, category] of CATEGORIES.entries())
    await pool.query(`UPDATE "Category" SET "imageUrl" = $2 WHERE slug = $1 AND "imageUrl" IS NULL`, [
      category.slug,
      mediaUrl(DEMO_IMAGES[index % DEMO_IMAGES.length]!.storageKey),
    ]);
  for (const [index, series] of SERIES.entries())
    await pool.query(`UPDATE "Series" SET "imageUrl" = $2 WHERE slug = $1 AND "imageUrl" IS NULL`, [
      series.slug,
      mediaUrl(DEMO_IMAGES[(index + CATEGORIES.length) % DEMO_IMAGES.length]!.storageKey),
    ]);
}
