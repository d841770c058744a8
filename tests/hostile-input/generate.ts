/**
 * Turns the list of targets (targets.ts) into concrete requests: a seeded mix of hostile
 * query values and names, repeated and array parameters, path segments, headers, methods,
 * bodies and encodings. The same seed gives the same requests, byte for byte.
 */
import {
  drawValue,
  encodeValue,
  hostileHeaders,
  marker,
  plainValue,
  PROTOTYPE_NAMES,
  seededRandom,
  type HostileValue,
  type Random,
} from "./payloads";
import type { BodyTarget, Fixtures, FormTarget, HostileTarget, RouteTarget, Valid } from "./targets";

export type HostileRequest = {
  target: string;
  /** What was varied, for failure messages. */
  label: string;
  method: string;
  /** Path and query exactly as sent (latin1 bytes). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Substrings that must not appear verbatim in an HTML or XML answer. */
  unsafe: string[];
  /** Sent with the site's own Origin, as a browser submitting the site's form does. */
  sameOrigin?: boolean;
  /** A multipart body cut off before its closing boundary (see the suite for why these are apart). */
  malformedMultipart?: boolean;
};

/** A server action's form as the page rendered it: hidden fields, and the names of the others. */
export type ScrapedForm = { hidden: Array<[string, string]>; names: string[] };

const DEFAULT_CASES = 32;

export function generateRequests(
  targets: readonly HostileTarget[],
  fixtures: Fixtures,
  forms: ReadonlyMap<string, ScrapedForm>,
  seed: number,
): HostileRequest[] {
  const random = seededRandom(seed);
  const requests: HostileRequest[] = [];
  let counter = 0;
  for (const target of targets) {
    for (const path of target.regressions ?? []) {
      requests.push({ target: target.name, label: "regression", method: "GET", path, headers: {}, unsafe: [] });
    }
    for (let index = 0; index < (target.cases ?? DEFAULT_CASES); index++) {
      const m = marker(counter++);
      const context = { random, m, fixtures };
      if (target.kind === "route") requests.push(routeRequest(target, context));
      else if (target.kind === "body") requests.push(bodyRequest(target, context));
      else {
        const form = forms.get(target.name);
        if (!form) throw new Error(`No form for "${target.name}" on ${target.path}: did the page change?`);
        requests.push(formRequest(target, form, context));
      }
    }
  }
  return requests;
}

type Context = { random: Random; m: string; fixtures: Fixtures };

function validValue(valid: Valid, fixtures: Fixtures): string {
  return typeof valid === "string" ? fixtures[valid] : valid.literal;
}

/** The target's path with valid values, or a hostile one in the segment `hostileParam`. */
function buildPath(target: HostileTarget, context: Context, hostile?: { param: string; value: string }): string {
  return target.path.replace(/\[(\w+)\]/g, (_, name: string) => {
    if (hostile?.param === name) return hostile.value;
    const valid = target.params?.[name];
    if (!valid) throw new Error(`${target.name}: no valid value for [${name}]`);
    return encodeURIComponent(validValue(valid, context.fixtures)).replace(/%2F/g, "/");
  });
}

function validQueryPairs(target: HostileTarget, context: Context): Array<[string, string]> {
  return Object.entries(target.validQuery ?? {}).map(([name, valid]) => [
    encodeURIComponent(name),
    encodeURIComponent(validValue(valid, context.fixtures)),
  ]);
}

const joinQuery = (pairs: Array<[string, string] | string>) =>
  pairs.map((pair) => (typeof pair === "string" ? pair : `${pair[0]}=${pair[1]}`)).join("&");

/** A hostile query string: values, names, repetitions, or sheer number. */
function hostileQuery(target: HostileTarget, context: Context): { query: string; unsafe: string[]; label: string } {
  const { random, m } = context;
  const names = target.query?.length ? target.query : ["q", "page", "id"];
  const pairs: Array<[string, string] | string> = random.chance(0.5) ? validQueryPairs(target, context) : [];
  const unsafe: string[] = [];
  const mode = random.pick(["values", "values", "values", "names", "repeat", "many", "shape"] as const);
  const take = (value: HostileValue) => {
    unsafe.push(...(value.unsafe ?? []));
    return encodeValue(value);
  };
  switch (mode) {
    case "values":
      for (let count = random.int(1, 3); count > 0; count--)
        pairs.push([random.pick(names), take(drawValue(random, m))]);
      break;
    case "names":
      for (let count = random.int(1, 3); count > 0; count--) {
        const name = random.chance(0.7) ? random.pick(PROTOTYPE_NAMES) : plainValue(drawValue(random, m));
        pairs.push([encodeURIComponent(name), random.chance(0.5) ? "x" : take(drawValue(random, m))]);
      }
      if (random.chance(0.5)) pairs.push([random.pick(names), "1"]);
      break;
    case "repeat": {
      const name = random.pick(names);
      const style = random.pick(["same", "array", "indexed", "object"] as const);
      for (let count = random.int(2, 40); count > 0; count--) {
        const key =
          style === "same"
            ? name
            : style === "array"
              ? `${name}[]`
              : style === "indexed"
                ? `${name}[${count}]`
                : `${name}[${random.pick(PROTOTYPE_NAMES)}]`;
        pairs.push([encodeURIComponent(key), random.chance(0.7) ? String(count) : take(drawValue(random, m))]);
      }
      break;
    }
    case "many":
      for (let count = random.int(200, 700); count > 0; count--) pairs.push([`p${count}`, String(count)]);
      pairs.push([random.pick(names), take(drawValue(random, m))]);
      break;
    case "shape":
      pairs.push(
        random.pick([
          "&&&",
          "=",
          "==",
          "=x",
          `${random.pick(names)}`,
          `${random.pick(names)}==1`,
          ";",
          "&=&",
          "%26%3D",
        ]),
      );
      pairs.push([random.pick(names), take(drawValue(random, m))]);
      break;
  }
  return { query: joinQuery(pairs), unsafe, label: `query ${mode}` };
}

function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

function pickHeaders(random: Random, m: string, count: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let index = 0; index < count; index++) Object.assign(headers, random.pick(hostileHeaders(m)));
  return headers;
}

/** A hostile path segment: a drawn value, or a change in the path's shape. */
function hostileSegment(random: Random, m: string): { value: string; unsafe: string[] } {
  if (random.chance(0.2)) {
    return {
      value: random.pick([
        "",
        "a/b/c",
        "%2F",
        "a%2Fb",
        "..",
        ".",
        "%2e%2e",
        "x".repeat(3_000),
        "_next",
        "index",
        "all.rsc",
        "x.segments",
        "x.json",
        "%5B...slug%5D",
        "[slug]",
      ]),
      unsafe: [],
    };
  }
  const value = drawValue(random, m);
  return { value: encodeValue(value), unsafe: value.unsafe ?? [] };
}

function routeRequest(target: RouteTarget, context: Context): HostileRequest {
  const { random, m } = context;
  const hasParams = Object.keys(target.params ?? {}).length > 0;
  const surfaces = [
    "query",
    "query",
    "query",
    "header",
    "method",
    ...(hasParams ? ["segment", "segment", "segment"] : []),
  ];
  const surface = random.pick(surfaces);
  let path = buildPath(target, context);
  let headers: Record<string, string> = {};
  let method = "GET";
  let body: Buffer | undefined;
  const unsafe: string[] = [];
  let label: string = surface;
  let malformedMultipart: boolean | undefined;

  if (surface === "segment") {
    const param = random.pick(Object.keys(target.params!));
    const segment = hostileSegment(random, m);
    path = buildPath(target, context, { param, value: segment.value });
    unsafe.push(...segment.unsafe);
    label = `segment [${param}]`;
    if (random.chance(0.3)) {
      const query = hostileQuery(target, context);
      path = withQuery(path, query.query);
      unsafe.push(...query.unsafe);
      label += ` + ${query.label}`;
    }
  } else if (surface === "query") {
    const query = hostileQuery(target, context);
    path = withQuery(path, query.query);
    unsafe.push(...query.unsafe);
    label = query.label;
    if (random.chance(0.2)) headers = pickHeaders(random, m, 1);
  } else if (surface === "header") {
    headers = pickHeaders(random, m, random.int(1, 3));
    path = withQuery(path, joinQuery(validQueryPairs(target, context)));
    label = `headers ${Object.keys(headers).join(",")}`;
  } else {
    method = random.pick(["HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", ...(target.otherMethods ?? [])]);
    if (method !== "HEAD" && method !== "OPTIONS" && random.chance(0.6)) {
      const drawn = hostileBody([], {}, context);
      body = drawn.body;
      headers = drawn.headers;
      unsafe.push(...drawn.unsafe);
      label = `method ${method} ${drawn.label}`;
      malformedMultipart = drawn.malformedMultipart;
    } else {
      label = `method ${method}`;
    }
  }
  return { target: target.name, label, method, path, headers, body, unsafe, malformedMultipart };
}

/** A value for a body field: a hostile string, or (in JSON) a value of the wrong type. */
function fieldValue(random: Random, m: string, json: boolean): { value: unknown; unsafe: string[] } {
  if (json && random.chance(0.3)) {
    return {
      value: random.pick<unknown>([
        null,
        true,
        0,
        -1,
        1e308,
        Number.MAX_SAFE_INTEGER + 2,
        [],
        ["a", "b"],
        {},
        { $ne: null },
        { __proto__: { polluted: true } },
        [[[[[["deep"]]]]]],
        "x".repeat(100_000),
      ]),
      unsafe: [],
    };
  }
  const value = drawValue(random, m);
  return { value: plainValue(value), unsafe: value.unsafe ?? [] };
}

const MALFORMED_JSON = [
  "",
  "{",
  "}",
  "[",
  "null",
  "0",
  '"string"',
  "[1,2,3]",
  "{'single': 'quotes'}",
  '{"email": "a@b.c",}',
  '{"email": undefined}',
  '{"a":1}{"b":2}',
  "\uFEFF{}",
  "{\u0000}",
  `{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}`,
  `${"[".repeat(20_000)}${"]".repeat(20_000)}`,
  `{"a":${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}}`,
  '{"email": "\\ud800"}',
  "NaN",
  "\xff\xfe{\x00}",
];

const CONTENT_TYPES = [
  "text/plain",
  "application/xml",
  "application/octet-stream",
  "application/json; charset=utf-16le",
  "application/x-www-form-urlencoded; charset=shift_jis",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  'multipart/form-data; boundary="unclosed',
  "application/json, text/html",
  "APPLICATION/JSON",
  "x".repeat(1_000),
  "",
];

function multipartBody(
  fields: Array<[string, string]>,
  options: { boundary?: string; broken?: boolean } = {},
): { body: Buffer; contentType: string } {
  const boundary = options.boundary ?? "----hostileBoundary7MA4YWxkTrZu0gW";
  const parts = fields.map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, "%22")}"\r\n\r\n${value}\r\n`,
  );
  const text = options.broken ? parts.join("").slice(0, -7) : `${parts.join("")}--${boundary}--\r\n`;
  return { body: Buffer.from(text, "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

function urlencoded(fields: Array<[string, string]>): string {
  return fields.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
}

function toPairs(object: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(object).flatMap(([name, value]) =>
    Array.isArray(value) ? value.map((item): [string, string] => [name, String(item)]) : [[name, String(value)]],
  );
}

/** A hostile body for the given fields, in one of several encodings (or none that fits). */
function hostileBody(
  fields: readonly string[],
  valid: Record<string, string | string[]>,
  context: Context,
): { body: Buffer; headers: Record<string, string>; unsafe: string[]; label: string; malformedMultipart?: boolean } {
  const { random, m } = context;
  const names = fields.length ? fields : ["email", "id", "q"];
  const unsafe: string[] = [];
  const object: Record<string, unknown> = { ...valid };
  for (let count = random.int(1, 3); count > 0; count--) {
    const drawn = fieldValue(random, m, true);
    object[random.pick(names)] = drawn.value;
    unsafe.push(...drawn.unsafe);
  }
  if (random.chance(0.25)) {
    const name = random.pick(PROTOTYPE_NAMES);
    object[name] = random.chance(0.5) ? { polluted: m } : m;
  }
  const mode = random.pick(["json", "json", "form", "multipart", "malformed", "type", "size", "empty"] as const);
  const stringPairs = toPairs(
    Object.fromEntries(
      Object.entries(object).map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)]),
    ),
  );
  switch (mode) {
    case "json":
      return {
        body: Buffer.from(JSON.stringify(object)),
        headers: { "content-type": "application/json" },
        unsafe,
        label: "json",
      };
    case "form":
      return {
        body: Buffer.from(urlencoded(stringPairs)),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        unsafe,
        label: "urlencoded",
      };
    case "multipart": {
      const broken = random.chance(0.3);
      const { body, contentType } = multipartBody(stringPairs, { broken });
      return {
        body,
        headers: { "content-type": contentType },
        unsafe,
        label: broken ? "multipart broken" : "multipart",
        malformedMultipart: broken,
      };
    }
    case "malformed":
      return {
        body: Buffer.from(random.pick(MALFORMED_JSON), "latin1"),
        headers: { "content-type": "application/json" },
        unsafe: [],
        label: "malformed json",
      };
    case "type": {
      const contentType = random.pick(CONTENT_TYPES);
      return {
        body: Buffer.from(random.chance(0.5) ? JSON.stringify(object) : urlencoded(stringPairs)),
        headers: contentType ? { "content-type": contentType } : {},
        unsafe,
        label: `content-type ${contentType.slice(0, 40) || "none"}`,
      };
    }
    case "size": {
      const size = random.pick([17 * 1024, 200 * 1024, 3 * 1024 * 1024]);
      return {
        body: Buffer.from(JSON.stringify({ ...object, [random.pick(names)]: "x".repeat(size) })),
        headers: { "content-type": random.pick(["application/json", "application/x-www-form-urlencoded"]) },
        unsafe,
        label: `size ${size}`,
      };
    }
    case "empty":
      return {
        body: Buffer.alloc(0),
        headers: random.chance(0.5) ? { "content-type": "application/json" } : {},
        unsafe: [],
        label: "empty body",
      };
  }
}

function bodyRequest(target: BodyTarget, context: Context): HostileRequest {
  const { random, m } = context;
  let path = withQuery(buildPath(target, context), joinQuery(validQueryPairs(target, context)));
  const unsafe: string[] = [];
  let label = "";
  if (Object.keys(target.params ?? {}).length > 0 && random.chance(0.2)) {
    const param = random.pick(Object.keys(target.params!));
    const segment = hostileSegment(random, m);
    path = buildPath(target, context, { param, value: segment.value });
    unsafe.push(...segment.unsafe);
    label += `segment [${param}] `;
  } else if (random.chance(0.2)) {
    const query = hostileQuery(target, context);
    path = withQuery(buildPath(target, context), query.query);
    unsafe.push(...query.unsafe);
    label += `${query.label} `;
  }
  const drawn = hostileBody(target.fields, target.validBody ?? {}, context);
  const headers = { ...(random.chance(0.25) ? pickHeaders(random, m, 1) : {}), ...drawn.headers };
  return {
    target: target.name,
    label: `${label}${drawn.label}`,
    method: target.method,
    path,
    headers,
    body: drawn.body,
    unsafe: [...unsafe, ...drawn.unsafe],
    malformedMultipart: drawn.malformedMultipart,
  };
}

/** The form as a browser without JavaScript sends it (multipart), with hostile values in its fields. */
function formRequest(target: FormTarget, form: ScrapedForm, context: Context): HostileRequest {
  const { random, m } = context;
  const unsafe: string[] = [];
  const values = new Map<string, string[]>();
  for (const [name, value] of Object.entries(target.validBody ?? {})) values.set(name, [value].flat());
  const mode = random.pick(["fields", "fields", "fields", "repeat", "names", "size", "encoding"] as const);
  const fieldsToSet = random.int(1, Math.min(3, target.fields.length));
  for (let count = 0; count < fieldsToSet; count++) {
    const value = drawValue(random, m);
    unsafe.push(...(value.unsafe ?? []));
    values.set(random.pick(target.fields), [plainValue(value)]);
  }
  if (mode === "repeat") {
    const name = random.pick(target.fields);
    values.set(
      name,
      Array.from({ length: random.int(2, 60) }, () => plainValue(drawValue(random, m))),
    );
  }
  const pairs: Array<[string, string]> = [...form.hidden.filter(([name]) => !values.has(name))];
  for (const [name, list] of values) for (const value of list) pairs.push([name, value]);
  if (mode === "names") {
    for (let count = random.int(1, 4); count > 0; count--) pairs.push([random.pick(PROTOTYPE_NAMES), m]);
  }
  if (mode === "size") pairs.push([random.pick(target.fields), "x".repeat(random.pick([20_000, 900_000]))]);
  const path = withQuery(buildPath(target, context), joinQuery(validQueryPairs(target, context)));
  const headers: Record<string, string> = { accept: "text/html", "sec-fetch-mode": "navigate" };
  let body: Buffer;
  const urlencodedBody = mode === "encoding" && random.chance(0.5);
  if (urlencodedBody) {
    body = Buffer.from(urlencoded(pairs));
    headers["content-type"] = "application/x-www-form-urlencoded";
  } else {
    const multipart = multipartBody(pairs, { broken: mode === "encoding" });
    body = multipart.body;
    headers["content-type"] = multipart.contentType;
  }
  return {
    target: target.name,
    label: mode === "encoding" ? (urlencodedBody ? "form urlencoded" : "form multipart cut off") : `form ${mode}`,
    method: "POST",
    path,
    headers,
    body,
    unsafe,
    sameOrigin: true,
    malformedMultipart: mode === "encoding" && !urlencodedBody,
  };
}
