import { describe, expect, it } from "vitest";
import { countWords, documentPlainText } from "@/lib/content/render-html";
import { AUTHORS, CATEGORIES, PUBLICATION_TYPES, SERIES } from "./catalog";
import {
  generatePublication,
  MAX_BODY_WORDS,
  MIN_BODY_WORDS,
  type GeneratedPublication,
  type ProseMirrorNode,
  type PublicationInput,
} from "./prose";
import { createRandom, type Random } from "./random";

/** An archive like the seed's: weighted types, one or two categories, some series. */
function generateArchive(seed: number, count: number): { input: PublicationInput; output: GeneratedPublication }[] {
  const random = createRandom(seed);
  const archive: { input: PublicationInput; output: GeneratedPublication }[] = [];
  for (let index = 0; index < count; index++) {
    const input = randomInput(random, index);
    archive.push({ input, output: generatePublication(random, input) });
  }
  return archive;
}

function randomInput(random: Random, index: number): PublicationInput {
  const type = random.weightedPick(PUBLICATION_TYPES, (entry) => entry.weight);
  const series = type.slug === "commentary" && random.chance(0.5) ? SERIES[0].name : null;
  return {
    typeName: type.name,
    categoryNames: random.sample(CATEGORIES, random.int(1, 2)).map((category) => category.name),
    seriesName: series,
    index,
  };
}

function fullText({ title, summary, doc }: GeneratedPublication): string {
  return `${title}\n${summary}\n${documentPlainText(doc)}`;
}

function* walk(nodes: readonly ProseMirrorNode[]): Generator<ProseMirrorNode> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.content ?? []);
  }
}

const ARCHIVE = generateArchive(2024, 500);

describe("createRandom", () => {
  it("repeats the same sequence for the same seed and differs across seeds", () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    for (const value of draw(9)) expect(value >= 0 && value < 1).toBe(true);
  });

  it("draws integers inclusively, distinct samples and weighted picks", () => {
    const random = createRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(random.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);

    const items = Array.from({ length: 50 }, (_, i) => i);
    for (const n of [0, 3, 20, 50]) {
      const sample = random.sample(items, n);
      expect(sample).toHaveLength(n);
      expect(new Set(sample).size).toBe(n);
    }
    expect(() => random.sample(items, 51)).toThrow(RangeError);
    expect(random.shuffle(items).sort((a, b) => a - b)).toEqual(items);

    let heavy = 0;
    for (let i = 0; i < 4000; i++) if (random.weightedPick(["a", "b"], (x) => (x === "a" ? 9 : 1)) === "a") heavy++;
    expect(heavy / 4000).toBeGreaterThan(0.85);
    expect(heavy / 4000).toBeLessThan(0.95);
    expect(random.weightedPick(["x", "y"], (x) => (x === "y" ? 1 : 0))).toBe("y");
    expect(() => random.pick([])).toThrow(RangeError);
  });
});

describe("catalog", () => {
  it("has the expected reference data", () => {
    expect(PUBLICATION_TYPES.reduce((sum, type) => sum + type.weight, 0)).toBe(100);
    expect(CATEGORIES).toHaveLength(8);
    expect(SERIES[0]).toMatchObject({ slug: "the-peninsula", name: "The Peninsula" });
    expect(AUTHORS).toHaveLength(40);
    expect(new Set(AUTHORS.map((author) => author.slug)).size).toBe(40);
    expect(AUTHORS.filter((author) => /[\uac00-\ud7a3]/.test(author.bio)).length).toBeGreaterThanOrEqual(2);
    expect(AUTHORS.some((author) => author.name.startsWith("Rüdiger"))).toBe(true);
    expect(AUTHORS.some((author) => author.name.startsWith("José"))).toBe(true);
    expect(AUTHORS.some((author) => author.name.startsWith("Zoë"))).toBe(true);
    expect(AUTHORS.some((author) => author.title === "Non-Resident Fellow")).toBe(true);
  });
});

describe("generatePublication", () => {
  it("is deterministic: same seed, same output; different seed, different output", () => {
    expect(generateArchive(11, 30)).toEqual(generateArchive(11, 30));
    const other = generateArchive(12, 30);
    const same = generateArchive(11, 30);
    const differing = same.filter((entry, i) => entry.output.title !== other[i]?.output.title);
    expect(differing.length).toBeGreaterThan(25);
    expect(JSON.stringify(same)).not.toBe(JSON.stringify(other));
  });

  it("keeps bodies between 500 and 2,000 words and reports the exact count", () => {
    for (const { output } of ARCHIVE.slice(0, 300)) {
      expect(output.wordCount).toBeGreaterThanOrEqual(MIN_BODY_WORDS);
      expect(output.wordCount).toBeLessThanOrEqual(MAX_BODY_WORDS);
      expect(countWords(documentPlainText(output.doc))).toBe(output.wordCount);
    }
    const average = ARCHIVE.reduce((sum, { output }) => sum + output.wordCount, 0) / ARCHIVE.length;
    expect(average).toBeGreaterThan(700);
    expect(average).toBeLessThan(1400);
  });

  it("makes reports longer than press releases", () => {
    const mean = (typeName: string) => {
      const random = createRandom(5);
      let total = 0;
      for (let index = 0; index < 40; index++) {
        total += generatePublication(random, {
          typeName,
          categoryNames: ["Energy & Climate"],
          seriesName: null,
          index,
        }).wordCount;
      }
      return total / 40;
    };
    expect(mean("Report")).toBeGreaterThan(mean("Press Release") + 500);
  });

  it("writes titles of 5–14 words and summaries of 25–60 words", () => {
    for (const { output } of ARCHIVE) {
      const titleWords = countWords(output.title);
      expect(titleWords, output.title).toBeGreaterThanOrEqual(5);
      expect(titleWords, output.title).toBeLessThanOrEqual(14);
      const summaryWords = countWords(output.summary);
      expect(summaryWords, output.summary).toBeGreaterThanOrEqual(25);
      expect(summaryWords, output.summary).toBeLessThanOrEqual(60);
      expect(output.title).not.toMatch(/\{|\}|undefined|\s\s/);
      expect(output.summary).not.toMatch(/\{|\}|undefined|\s\s/);
    }
  });

  it("rarely repeats a title", () => {
    const titles = generateArchive(77, 2000).map(({ output }) => output.title);
    expect(new Set(titles).size / titles.length).toBeGreaterThan(0.99);
  });

  it("labels events, podcasts and videos in their titles", () => {
    for (const { input, output } of ARCHIVE) {
      if (input.typeName === "Event") expect(output.title.startsWith("Event: ")).toBe(true);
      if (input.typeName === "Podcast") expect(output.title.startsWith("Podcast: ")).toBe(true);
      if (input.typeName === "Video") expect(output.title.startsWith("Video: ")).toBe(true);
      if (input.typeName === "Commentary") expect(output.title).not.toMatch(/^(Event|Podcast|Video):/);
    }
  });

  it("builds valid ProseMirror documents from the allowed nodes and marks", () => {
    const allowedNodes = new Set([
      "paragraph",
      "heading",
      "bulletList",
      "orderedList",
      "listItem",
      "blockquote",
      "text",
    ]);
    for (const { output } of ARCHIVE) {
      expect(output.doc.type).toBe("doc");
      for (const node of walk(output.doc.content)) {
        expect(allowedNodes.has(node.type), node.type).toBe(true);
        if (node.type === "text") {
          expect(node.text).toBeTruthy(); // ProseMirror rejects empty text nodes
          expect(node.content).toBeUndefined();
        } else {
          expect(node.content?.length ?? 0).toBeGreaterThan(0);
        }
        if (node.type === "heading") expect([2, 3]).toContain(node.attrs?.level);
        if (node.type === "listItem") expect(node.content?.[0]?.type).toBe("paragraph");
        for (const mark of node.marks ?? []) {
          expect(["bold", "italic", "link"]).toContain(mark.type);
          if (mark.type === "link") expect(String(mark.attrs?.href)).toMatch(/^https:\/\/[a-z0-9.-]+\/[a-z0-9/-]+$/);
        }
      }
    }
  });

  it("uses headings, lists, quotes and every mark somewhere in the archive", () => {
    const seen = new Set<string>();
    for (const { output } of ARCHIVE) {
      for (const node of walk(output.doc.content)) {
        seen.add(node.type === "heading" ? `h${String(node.attrs?.level)}` : node.type);
        for (const mark of node.marks ?? []) seen.add(mark.type);
      }
    }
    for (const expected of ["h2", "h3", "bulletList", "orderedList", "blockquote", "bold", "italic", "link"]) {
      expect(seen.has(expected), expected).toBe(true);
    }
  });

  it("stays on topic: a North Korea piece talks about North Korea, a climate piece about energy", () => {
    const random = createRandom(8);
    const text = (categoryNames: string[]) =>
      fullText(generatePublication(random, { typeName: "Commentary", categoryNames, seriesName: null, index: 1 }));
    expect(text(["North Korea"])).toMatch(/Pyongyang|North Korea|Kim regime|Korean People's Army|Workers' Party/);
    expect(text(["Energy & Climate"])).toMatch(/carbon|nuclear|LNG|electricity|emissions|renewable|grid|energy/i);
  });

  it("accepts unknown type and category names", () => {
    const output = generatePublication(createRandom(1), {
      typeName: "Newsletter",
      categoryNames: ["Unheard Of"],
      seriesName: null,
      index: 0,
    });
    expect(output.wordCount).toBeGreaterThanOrEqual(MIN_BODY_WORDS);
  });

  it("mentions Hangul, kanji or hanzi, and accented names, in a few documents only", () => {
    const cjk = ARCHIVE.filter(({ output }) => /[\u3131-\u318e\uac00-\ud7a3\u4e00-\u9fff]/.test(fullText(output)));
    expect(cjk.length / ARCHIVE.length).toBeGreaterThan(0.01);
    expect(cjk.length / ARCHIVE.length).toBeLessThan(0.15);

    const accentedName =
      /Rüdiger|Müller|José|Zoë|Søren|François|Łukasz|Åkesson|Inês|Dvořák|Ibáñez|Schäfer|Lefèvre|Chloé/;
    const accented = ARCHIVE.filter(({ output }) => accentedName.test(fullText(output)));
    expect(accented.length / ARCHIVE.length).toBeGreaterThan(0.01);
    expect(accented.length / ARCHIVE.length).toBeLessThan(0.25);
  });

  it("has a rich, Zipf-like vocabulary", () => {
    const documentFrequency = new Map<string, number>();
    for (const { output } of ARCHIVE) {
      const words =
        fullText(output)
          .toLowerCase()
          .match(/\p{L}+(?:['’-]\p{L}+)*/gu) ?? [];
      for (const word of new Set(words)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
    }
    const frequencies = [...documentFrequency.values()];
    const share = (predicate: (documents: number) => boolean) => frequencies.filter(predicate).length;
    expect(documentFrequency.size).toBeGreaterThan(3000);
    // Common words in a third of the archive or more; a long tail of words in under 1% of it.
    expect(share((n) => n >= ARCHIVE.length / 3)).toBeGreaterThan(100);
    expect(share((n) => n < ARCHIVE.length / 100)).toBeGreaterThan(500);
    expect(share((n) => n >= ARCHIVE.length / 3)).toBeLessThan(share((n) => n < ARCHIVE.length / 100));
  });

  it("reads as prose: sentences start with capitals and templates leave no gaps", () => {
    for (const { output } of ARCHIVE.slice(0, 100)) {
      const plain = documentPlainText(output.doc);
      expect(plain).not.toMatch(/\{|\}|undefined|NaN|\s\s| ,| \./);
      for (const line of plain.split("\n")) expect(line, line).toMatch(/^[A-Z“0-9]/);
    }
  });
});
