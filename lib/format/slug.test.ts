import { describe, expect, it } from "vitest";
import { slugify } from "./slug";

describe("slugify", () => {
  it("makes readable URL slugs", () => {
    expect(slugify("North Korea's Missile Tests: What Comes Next?")).toBe(
      "north-korea-s-missile-tests-what-comes-next",
    );
    expect(slugify("Economics & Trade")).toBe("economics-and-trade");
  });

  it("folds accents and romanises other scripts", () => {
    expect(slugify("Rüdiger Frank on Pyongyang")).toBe("rudiger-frank-on-pyongyang");
    expect(slugify("평양")).toBe("pyeongyang");
    expect(slugify("북한 핵 문제: Sanctions")).toBe("bukhan-haek-munje-sanctions");
    expect(slugify("Москва и Пекин")).toBe("moskva-i-pekin");
    expect(slugify("🙂")).toBe("untitled");
  });

  it("cuts long titles at a word boundary", () => {
    const slug = slugify("word ".repeat(40), 30);
    expect(slug.length).toBeLessThanOrEqual(30);
    expect(slug.endsWith("-")).toBe(false);
  });
});
