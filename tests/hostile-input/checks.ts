/**
 * What every answer to a hostile request must satisfy: no 5xx, no unescaped reflection of
 * the payload where it would be markup, no internal detail, and no redirect off the site.
 */
import type { HostileRequest } from "./generate";

export type HostileResponse = { status: number; headers: Record<string, string>; body: string };

/**
 * Internal detail that must never reach a visitor: stack frames, file paths, database and
 * ORM error text, JavaScript error names. Each pattern names what it caught.
 */
const INTERNAL_DETAIL: Array<[string, RegExp]> = [
  ["a stack frame", /\n\s+at [\w.<>$[\] ]+ \(?(?:\/|file:|node:|webpack|\w:\\)/],
  ["a stack frame", /\bat (?:async )?[\w.$<>]+ \((?:\/|file:\/\/|node:)[^)]*:\d+:\d+\)/],
  ["a server file path", /(?:\/work\/|\/home\/|\/usr\/src\/|\/app\/\.next\/|\/var\/task\/|[A-Z]:\\\\)/],
  ["node_modules", /node_modules[\\/]/],
  ["a build path", /\.next[\\/]server[\\/]/],
  ["source file names", /\b[\w-]+\.(?:tsx?|mjs):\d+/],
  ["Prisma error text", /Prisma|prisma:|PrismaClient|DriverAdapterError|P20\d\d\b/],
  [
    "PostgreSQL error text",
    /invalid byte sequence|SQLSTATE|syntax error at or near|violates (?:unique|foreign key|not-null|check) constraint|relation "[^"]+" does not exist|column "[^"]+" does not exist|duplicate key value|unterminated quoted|invalid input syntax for/i,
  ],
  ["a JavaScript error name", /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|EvalError|URIError)\b(?::|\s+\[)/],
  ["a Node.js error code", /\bE(?:CONNREFUSED|CONNRESET|ADDRINUSE|NOENT|ACCES|PIPE)\b|ERR_[A-Z_]{4,}/],
  ["a zod error dump", /"code":\s*"invalid_(?:type|string|union)"|ZodError/],
];

/** Media types where text is markup: a reflected payload there is live. */
const MARKUP_TYPES =
  /^(?:text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/(?:[\w.+-]+\+)?xml)\b/i;

export type Problem = { request: HostileRequest; status: number; problem: string };

export function checkResponse(request: HostileRequest, response: HostileResponse, origin: string): string[] {
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`answered ${response.status}`);

  for (const [what, pattern] of INTERNAL_DETAIL) {
    const match = pattern.exec(response.body);
    if (match) problems.push(`shows ${what}: …${excerpt(response.body, match.index)}…`);
  }
  for (const [name, value] of Object.entries(response.headers)) {
    for (const [what, pattern] of INTERNAL_DETAIL) {
      if (pattern.test(value)) problems.push(`header ${name} shows ${what}: ${value.slice(0, 120)}`);
    }
  }

  const contentType = response.headers["content-type"] ?? "";
  if (MARKUP_TYPES.test(contentType)) {
    for (const unsafe of request.unsafe) {
      const index = response.body.indexOf(unsafe);
      if (index >= 0) problems.push(`reflects ${JSON.stringify(unsafe)} unescaped: …${excerpt(response.body, index)}…`);
    }
  }

  const location = response.headers.location;
  if (location && !staysOnSite(location, origin)) problems.push(`redirects off the site, to ${location.slice(0, 200)}`);

  const setCookie = response.headers["set-cookie"] ?? "";
  if (/injected=1/.test(setCookie)) problems.push("sets a cookie named by the request");
  return problems;
}

/** A Location that a browser resolves to this origin (a relative path, or an absolute URL here). */
function staysOnSite(location: string, origin: string): boolean {
  try {
    return new URL(location, `${origin}/`).origin === origin;
  } catch {
    return false;
  }
}

function excerpt(text: string, index: number): string {
  return JSON.stringify(text.slice(Math.max(0, index - 60), index + 100));
}
