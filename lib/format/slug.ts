import { transliterate } from "transliteration";

/*
 * Hangul → Revised Romanization of Korean, syllable by syllable ("평양" → "pyeongyang"):
 * Korean is the script this site's writers use most after Latin, and the general
 * transliteration tables spell it less readably. Each precomposed syllable is an initial,
 * a vowel and an optional final consonant (Unicode's Hangul syllable arithmetic).
 */
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const VOWELS = [
  "a",
  "ae",
  "ya",
  "yae",
  "eo",
  "e",
  "yeo",
  "ye",
  "o",
  "wa",
  "wae",
  "oe",
  "yo",
  "u",
  "wo",
  "we",
  "wi",
  "yu",
  "eu",
  "ui",
  "i",
];
const FINALS = [
  "",
  "k",
  "k",
  "k",
  "n",
  "n",
  "n",
  "t",
  "l",
  "k",
  "m",
  "l",
  "l",
  "l",
  "p",
  "l",
  "m",
  "p",
  "p",
  "t",
  "t",
  "ng",
  "t",
  "t",
  "k",
  "t",
  "p",
  "t",
];

function romanizeHangul(text: string): string {
  return text.replace(/[\uac00-\ud7a3]+/g, (word) => {
    let out = "";
    for (const syllable of word) {
      const code = syllable.charCodeAt(0);
      if (code < HANGUL_FIRST || code > HANGUL_LAST) continue;
      const offset = code - HANGUL_FIRST;
      out += INITIALS[Math.floor(offset / 588)]! + VOWELS[Math.floor((offset % 588) / 28)]! + FINALS[offset % 28]!;
    }
    return ` ${out} `;
  });
}

/** Latin letters with accents are folded by `normalize`; other scripts are spelled in Latin first. */
function toLatin(text: string): string {
  if (/^[\u0000-\u024f\u2000-\u206f]*$/.test(text)) return text;
  return transliterate(romanizeHangul(text), { unknown: " " });
}

/**
 * URL slug from a title: lower-case ASCII words joined by hyphens, accents folded, other
 * scripts romanised (Hangul by the Revised Romanization, others by `transliteration`).
 */
export function slugify(text: string, maxLength = 80): string {
  const slug = toLatin(text)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= maxLength) return slug || "untitled";
  const cut = slug.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, "");
}
