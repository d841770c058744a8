/**
 * What an attacker types: hostile values, names, encodings and headers, and the seeded
 * random generator that combines them. Pure: no network, no database.
 *
 * Every value may carry a marker (`m`, unique per request) so that a reflection can be
 * traced to the request that caused it; `unsafe` lists the substrings that must never
 * appear verbatim in an HTML or XML answer (they would be live markup there).
 */

/** A value for a query string, path segment, form field or header. */
export type HostileValue = {
  /** Text, percent-encoded where it goes into a URL. */
  text?: string;
  /** Already encoded: inserted into the URL or body byte for byte (latin1), malformed on purpose. */
  raw?: string;
  /** Substrings that would be live markup if an HTML or XML answer contained them verbatim. */
  unsafe?: string[];
};

/** mulberry32: small, fast and deterministic, so a failing input can be replayed from its seed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (probability: number) => next() < probability;
  return { next, int, pick, chance };
}

export type Random = ReturnType<typeof seededRandom>;

/** Markup and script payloads: each is dangerous only if it comes back unescaped. */
const markup = (m: string): HostileValue[] => [
  { text: `<x${m}>`, unsafe: [`<x${m}`] },
  { text: `"><x${m} a="`, unsafe: [`<x${m}`] },
  { text: `'><x${m} a='`, unsafe: [`<x${m}`] },
  { text: `</script><x${m}>`, unsafe: [`<x${m}`, `</script><x${m}`] },
  { text: `</title><x${m}>`, unsafe: [`<x${m}`] },
  { text: `</textarea><x${m}>`, unsafe: [`<x${m}`] },
  { text: `<script>alert("${m}")</script>`, unsafe: [`<script>alert("${m}")`] },
  { text: `<img src=x onerror=alert("${m}")>`, unsafe: [`<img src=x onerror=alert("${m}")`] },
  { text: `<svg/onload=alert("${m}")>`, unsafe: [`<svg/onload=alert("${m}")`] },
  { text: `" onmouseover="alert('${m}')`, unsafe: [`" onmouseover="alert('${m}')`] },
  // React quotes attributes with ", and a ' in a script's JSON needs no escape: no verbatim check.
  { text: `' onfocus='alert(1)' x${m}='` },
  { text: `javascript:alert("${m}")`, unsafe: [`href="javascript:alert(&quot;${m}`, `href="javascript:alert("${m}`] },
  { text: `]]><x${m}/><![CDATA[`, unsafe: [`<x${m}`] },
  { text: `<!--${m}-->`, unsafe: [`<!--${m}`] },
  {
    text: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x${m}>&e;</x${m}>`,
    unsafe: [`<x${m}`],
  },
  { text: `{{constructor.constructor('${m}')()}}` },
  { text: `\${${m}}` },
  { text: `\u2028\u2029<x${m}>`, unsafe: [`<x${m}`] },
  { text: `＜x${m}＞` },
  { text: `%3Cx${m}%3E`, unsafe: [`<x${m}`] },
  { text: `&lt;x${m}&gt;`, unsafe: [`<x${m}`] },
];

/** SQL and tsquery syntax: harmless only if every value is a bound parameter. */
const sql = (m: string): HostileValue[] => [
  { text: `' OR '1'='1` },
  { text: `1' OR 1=1--${m}` },
  { text: `"; DROP TABLE "Publication"; --` },
  { text: `'; UPDATE "User" SET role='ADMIN'; --` },
  { text: `' UNION SELECT "passwordHash" FROM "User"--` },
  { text: `1) OR (1=1` },
  { text: `%' AND pg_sleep(1)--` },
  { text: `$1` },
  { text: `\\` },
  { text: `'` },
  { text: `"` },
  { text: `''''''` },
  { text: `:*` },
  { text: `& | ! ( ) <-> <1>` },
  { text: `!!!!!!!!` },
  { text: `(((((((((((((((((((( x` },
  { text: `%` },
  { text: `_` },
  { text: `\u0000' OR 1=1` },
];

/** Paths and addresses: traversal, other hosts, other schemes. */
const paths: HostileValue[] = [
  { text: "../../../../etc/passwd" },
  { text: "..%2f..%2f..%2fetc%2fpasswd" },
  { text: "....//....//etc/passwd" },
  { text: "..\\..\\..\\windows\\win.ini" },
  { text: "/etc/passwd" },
  { text: "." },
  { text: ".." },
  { text: "//evil.example" },
  { text: "/\\evil.example" },
  { text: "https://evil.example/" },
  { text: "file:///etc/passwd" },
  { text: "\\\\evil.example\\share" },
  { raw: "%2e%2e%2f%2e%2e%2fetc%2fpasswd" },
  { raw: "%252e%252e%252f" },
  { raw: "%c0%ae%c0%ae%c0%af" },
  { raw: "..%00/etc/passwd" },
];

/** Numbers where a page, an id or a year is expected. */
const numbers: HostileValue[] = [
  "0",
  "-1",
  "-0",
  "1.5",
  "1e309",
  "1e-7",
  "99999999999999999999",
  "9007199254740993",
  "2147483648",
  "-2147483649",
  "100001",
  "99999",
  "0x10",
  "0b11",
  "+3",
  " 2",
  "2 ",
  "00002",
  "NaN",
  "Infinity",
  "-Infinity",
  "١٢", // Arabic-Indic digits
  "２", // fullwidth digit
  "1,000",
  "1_000",
].map((text) => ({ text }));

/** Text that is unusual rather than hostile: control characters, Unicode edge cases, sizes. */
const unusual = (m: string): HostileValue[] => [
  { text: "" },
  { text: " " },
  { text: "\t\n" },
  { text: "\u0000" },
  { text: `a\u0000${m}` },
  { text: "\u0001\u0002\u001f\u007f" },
  { text: `${m}\r\nSet-Cookie: injected=1` },
  { text: `${m}\r\nLocation: https://evil.example/` },
  { text: "\uFEFF" },
  { text: `\u202E${m}` },
  { text: "e\u0301".repeat(300) },
  { text: "\u{1F600}".repeat(60) },
  { text: "\u200B\u200C\u200D\u2060" },
  { text: "ﬁ ǅ Ⅸ İı ß ẞ" },
  { text: "\uFFFD\uFFFE\uFFFF" },
  { text: "𝕏𝔸𝕄" },
  { text: "\u0627\u0644\u0639\u0631\u0628\u064A\u0629" },
  { text: "한국어 北朝鮮 ロシア" },
  { text: "a".repeat(257) },
  { text: "a".repeat(5_000) },
  { text: `${m} `.repeat(1_500) },
  { text: "null" },
  { text: "undefined" },
  { text: "true" },
  { text: "[]" },
  { text: "{}" },
  { text: `{"$ne":null}` },
  { text: "__proto__" },
  { text: "constructor" },
  { raw: "%" },
  { raw: "%%" },
  { raw: "%zz" },
  { raw: "%0" },
  { raw: "%00" },
  { raw: "%ED%A0%80" }, // a lone surrogate, as UTF-8 bytes
  { raw: "%FF%FE" },
  { raw: "%E2%82" }, // a cut-off sequence
  { raw: "%F4%90%80%80" }, // past U+10FFFF
  { raw: "%C0%80" }, // overlong NUL
  { raw: "%25%30%30" },
  { raw: "%u0000" },
  { raw: "\xff\xfe\xe9" }, // bytes that are not UTF-8, sent as they are
  { raw: "+" },
  { raw: "%2B%20%2b" },
];

export function hostileValues(m: string): HostileValue[] {
  return [...markup(m), ...sql(m), ...paths, ...numbers, ...unusual(m)];
}

/** Query and field names that collide with what every JavaScript object already has. */
export const PROTOTYPE_NAMES = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "__defineGetter__",
  "__lookupSetter__",
  "then",
  "toJSON",
  "length",
  "__proto__[polluted]",
  "constructor[prototype][polluted]",
  "constructor.prototype.polluted",
  "__proto__.polluted",
] as const;

/** Headers a client controls, with values chosen to confuse the framework or the app. */
export function hostileHeaders(m: string): Array<Record<string, string>> {
  return [
    { accept: "application/json" },
    { accept: "text/x-component" },
    { accept: "*/*;q=abc, text/html;q=2" },
    { accept: `${"text/html,".repeat(400)}*/*` },
    { "accept-language": "xx-" + "Y".repeat(3_000) },
    { "accept-encoding": "gzip;q=0, br;q=-1, zstd, identity;q=0" },
    { "content-type": "application/json; charset=utf-16" },
    { cookie: "next-auth.session-token=not-a-jwt; __Secure-next-auth.session-token=eyJhbGciOiJub25lIn0.e30." },
    { cookie: `next-auth.session-token=${"A".repeat(4_000)}` },
    { cookie: `next-auth.csrf-token=${m}%7C${m}; next-auth.callback-url=https%3A%2F%2Fevil.example` },
    { cookie: "__proto__=1; constructor=2; ;;; =; a" },
    { "x-forwarded-for": `1.2.3.4, <x${m}>, ${"9".repeat(300)}` },
    { "x-forwarded-host": "evil.example" },
    { "x-forwarded-proto": "javascript" },
    { "x-real-ip": "::ffff:999.999.999.999" },
    { forwarded: `for="<x${m}>";host=evil.example;proto=gopher` },
    { origin: "https://evil.example" },
    { origin: "null" },
    { referer: `https://evil.example/<x${m}>` },
    { "user-agent": `Mozilla/5.0 <x${m}> ${"b".repeat(2_000)}` },
    { "user-agent": "Googlebot/2.1 (+http://www.google.com/bot.html)" },
    { range: "bytes=-1,0-0,999999999999-" },
    { range: "bytes=99999999999999999999999-" },
    { range: "bytes=-0" },
    { range: `bytes=${"0-,".repeat(1_500)}0-` },
    { range: "bytes=0-1", "if-range": `"${m}"` },
    { range: "bytes=0-1", "if-range": "Thu, 31 Dec 9999 23:59:59 GMT" },
    { range: `bytes=<x${m}>` },
    { "if-none-match": `"${m}", W/"*", *` },
    { "if-modified-since": "not a date" },
    { rsc: "1" },
    { rsc: "1", "next-router-state-tree": `%5B%22${m}%22` },
    { rsc: "1", "next-router-state-tree": "not json" },
    { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" },
    { "next-router-prefetch": "2" },
    { "next-url": `/<x${m}>` },
    { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    { "x-nextjs-data": "1" },
    { "x-invoke-path": "/admin" },
    { "x-matched-path": "/admin" },
    { purpose: "prefetch", "sec-purpose": "prefetch;prerender" },
    { "sec-fetch-dest": "image" },
    { "sec-fetch-mode": "navigate", "sec-fetch-site": "cross-site" },
    { "transfer-encoding": "identity" },
    { "x-http-method-override": "DELETE" },
    { "content-length": "0" },
    { host: "evil.example" },
    { host: `localhost:${"9".repeat(10)}` },
  ];
}

/** A URL component: text percent-encoded (lone surrogates as their bytes), or raw as it is. */
export function encodeValue(value: HostileValue): string {
  if (value.raw !== undefined) return value.raw;
  return encodeText(value.text ?? "");
}

function encodeText(text: string): string {
  let out = "";
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      // encodeURIComponent throws on a lone surrogate; send the bytes a careless encoder would.
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join("");
    } else {
      out += encodeURIComponent(character);
    }
  }
  return out;
}

/** The value as a body field or header would carry it (raw values decoded as a lenient server would). */
export function plainValue(value: HostileValue): string {
  if (value.text !== undefined) return value.text;
  try {
    return decodeURIComponent(value.raw ?? "");
  } catch {
    return value.raw ?? "";
  }
}

/** A value drawn for one request, with its marker. */
export function drawValue(random: Random, m: string): HostileValue {
  return random.pick(hostileValues(m));
}

/** A marker unique to one request: lower-case letters and digits only, so no normalisation changes it. */
export function marker(index: number): string {
  return `hq${index.toString(36)}z`;
}
