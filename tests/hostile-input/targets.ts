/**
 * THE LIST: every public route, route handler and form the hostile-input suite attacks
 * (tests/hostile-input.test.ts). A new public page, route handler or form joins the suite
 * by adding one entry here: its path (dynamic segments as `[name]`, with a valid value
 * from the fixtures), the query names and body fields it reads, and any input that once
 * broke it (`regressions`, always sent). The generator (generate.ts) then sends it
 * hostile query strings, path segments, headers, methods, bodies and encodings, and the
 * suite asserts no 5xx, no unescaped reflection, no internal detail in any answer, and
 * that nothing already stored changed.
 *
 * Kinds:
 *   route  answered to GET (and sometimes other methods): pages, feeds, JSON endpoints
 *   body   read a request body (form or JSON): POST endpoints
 *   form   a form on a page whose action is a server action, submitted as a browser
 *          without JavaScript submits it (the suite reads the form's hidden fields first)
 */

/** Valid values the suite finds in its database (or signs) before it starts. */
export type Fixtures = {
  publication: string;
  /** A public event's slug (/events/<slug>). */
  event: string;
  category: string;
  author: string;
  series: string;
  type: string;
  year: string;
  /** A confirmation link's token for the suite's own pending subscriber. */
  confirmToken: string;
  /** A preferences link's token for the suite's own confirmed subscriber. */
  manageToken: string;
  /** A preview link's token for an unpublished publication. */
  previewToken: string;
  /** An upcoming event taking registrations on the site, with room and no waitlist. */
  registrationEvent: string;
  /** Confirmation and cancel links' tokens for the suite's own registration to it. */
  registrationConfirmToken: string;
  registrationManageToken: string;
};

export type FixtureName = keyof Fixtures;

/** A valid value: a fixture, or a literal. */
export type Valid = FixtureName | { literal: string };

type Common = {
  name: string;
  /** e.g. "/categories/[slug]"; each `[name]` takes its valid value from `params`. */
  path: string;
  params?: Record<string, Valid>;
  /** Query names the route reads, and valid values for some of them. */
  query?: readonly string[];
  validQuery?: Record<string, Valid>;
  /** Inputs that once failed, sent as they are (path and query, after the host). */
  regressions?: readonly string[];
  /** Generated requests for this entry (default 32). */
  cases?: number;
};

export type RouteTarget = Common & {
  kind: "route";
  /** Methods besides GET the route is expected to refuse or answer (tried now and then). */
  otherMethods?: readonly string[];
};

export type BodyTarget = Common & {
  kind: "body";
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  fields: readonly string[];
  validBody?: Record<string, string | string[]>;
};

export type FormTarget = Common & {
  kind: "form";
  /** The visible fields the person fills in; hidden fields are taken from the page. */
  fields: readonly string[];
  /** Which form on the page: the first whose field names include all of these. */
  identifiedBy: readonly string[];
  validBody?: Record<string, string | string[]>;
};

export type HostileTarget = RouteTarget | BodyTarget | FormTarget;

const ARCHIVE_QUERY = ["type", "category", "author", "series", "year", "page"] as const;
const SIGNUP_FIELDS = ["email", "firstName", "lastName", "topics", "website", "topicsOffered"] as const;
const VALID_SIGNUP = { email: "reader@example.org", firstName: "Ada", lastName: "Reader" };

const taxonomyTargets = (["categories", "authors", "series"] as const).flatMap((base): HostileTarget[] => {
  const fixture: FixtureName = base === "categories" ? "category" : base === "authors" ? "author" : "series";
  const params = { slug: fixture };
  return [
    { kind: "route", name: `${base} listing`, path: `/${base}/[slug]`, params, query: ["page"], cases: 48 },
    ...(["feed.xml", "atom.xml", "feed.json"] as const).map((file): RouteTarget => ({
      kind: "route",
      name: `${base} ${file}`,
      path: `/${base}/[slug]/${file}`,
      params,
      cases: 20,
      regressions: [`/${base}/%00/${file}`, `/${base}/a%00b/${file}`, `/${base}/%ED%A0%80/${file}`],
    })),
  ];
});

export const HOSTILE_TARGETS: readonly HostileTarget[] = [
  // Reading
  { kind: "route", name: "home", path: "/", query: [], cases: 24 },
  {
    kind: "route",
    name: "archive",
    path: "/publications",
    query: ARCHIVE_QUERY,
    validQuery: { category: "category", year: "year" },
    cases: 96,
    regressions: [
      "/publications?constructor=x&year=2020",
      "/publications?toString=1",
      "/publications?__proto__=x&category=x",
      "/publications?page=99999",
      "/publications?page=100000000",
    ],
  },
  {
    kind: "route",
    name: "archive view",
    path: "/publications/view/[query]",
    params: { query: { literal: "all" } },
    cases: 64,
    regressions: [
      "/publications/view/anything",
      "/publications/view/page%3D99999",
      "/publications/view/category%3Dnope",
      "/publications/view/constructor%3Dx",
    ],
  },
  {
    kind: "route",
    name: "publication",
    path: "/publications/[slug]",
    params: { slug: "publication" },
    cases: 48,
    regressions: ["/publications/%00", "/publications/..%2f..%2fetc%2fpasswd"],
  },
  {
    kind: "route",
    name: "events",
    path: "/events",
    query: ["topic", "year", "page"],
    validQuery: { topic: "category", year: "year" },
    cases: 64,
    regressions: [
      "/events?year=twenty",
      "/events?topic=&year=&page=",
      "/events?topic=nope",
      "/events?page=99999",
      "/events?constructor=x&year=2020",
    ],
  },
  {
    kind: "route",
    name: "events view",
    path: "/events/view/[query]",
    params: { query: { literal: "all" } },
    cases: 32,
    regressions: ["/events/view/anything", "/events/view/year%3D1901", "/events/view/page%3D1", "/events/view/invalid"],
  },
  {
    kind: "route",
    name: "event",
    path: "/events/[slug]",
    params: { slug: "event" },
    cases: 48,
    regressions: ["/events/%00", "/events/..%2f..%2fetc%2fpasswd"],
  },
  { kind: "route", name: "events calendar feed", path: "/events.ics", cases: 12 },

  // Event registration (its form on the event page posts to the endpoint; the pages' buttons to theirs)
  {
    kind: "body",
    name: "api event registration",
    method: "POST",
    path: "/api/events/[slug]/registrations",
    params: { slug: "registrationEvent" },
    fields: ["name", "email", "affiliation", "consent", "joinMailingList", "website"],
    validBody: { name: "Ada Reader", email: "registrant@example.org", affiliation: "", consent: "yes" },
    cases: 64,
    regressions: ["/api/events/%00/registrations", "/api/events/no-such-event/registrations"],
  },
  {
    kind: "route",
    name: "registration result page",
    path: "/events/registration",
    query: ["outcome", "event", "fields"],
    validQuery: { outcome: { literal: "invalid" }, event: "registrationEvent", fields: { literal: "name,email" } },
    cases: 32,
  },
  {
    kind: "route",
    name: "registration confirm page",
    path: "/events/registration/confirm",
    query: ["token"],
    validQuery: { token: "registrationConfirmToken" },
    cases: 24,
  },
  {
    kind: "route",
    name: "registration manage page",
    path: "/events/registration/manage",
    query: ["token"],
    validQuery: { token: "registrationManageToken" },
    cases: 24,
  },
  {
    kind: "body",
    name: "api registration confirm",
    method: "POST",
    path: "/api/registrations/confirm",
    fields: ["token"],
    cases: 24,
  },
  {
    kind: "body",
    name: "api registration cancel",
    method: "POST",
    path: "/api/registrations/cancel",
    fields: ["token"],
    cases: 24,
  },
  {
    kind: "route",
    name: "event calendar file",
    path: "/events/[slug]/calendar.ics",
    params: { slug: "event" },
    cases: 24,
    regressions: ["/events/%00/calendar.ics", "/events/no-such-event/calendar.ics"],
  },
  ...taxonomyTargets,
  { kind: "route", name: "topic index", path: "/categories", cases: 12 },
  { kind: "route", name: "series index", path: "/series", cases: 12 },
  { kind: "route", name: "authors", path: "/authors", cases: 8 },
  {
    kind: "route",
    name: "experts",
    path: "/experts",
    query: ["topic", "language", "q"],
    validQuery: { topic: { literal: "security" } },
    cases: 64,
    regressions: [
      "/experts?q=%25",
      "/experts?q=%5C",
      "/experts?topic=Security",
      "/experts?topic=security&topic=north-korea",
      "/experts?constructor=x&language=korean",
      "/experts?q=%00",
    ],
  },
  {
    kind: "route",
    name: "experts view",
    path: "/experts/view/[query]",
    params: { query: { literal: "all" } },
    cases: 32,
    regressions: [
      "/experts/view/anything",
      "/experts/view/language%3Dkorean%26topic%3Dsecurity",
      "/experts/view/topic%3Dnope",
      "/experts/view/q%3Dx",
      "/experts/view/%E0%A4%A",
    ],
  },
  {
    kind: "route",
    name: "search",
    path: "/search",
    query: ["q", "sort", ...ARCHIVE_QUERY],
    validQuery: { q: { literal: "korea" } },
    cases: 96,
    regressions: ["/search?constructor=x", "/search?q=x&page=99999", "/search?q=%00"],
  },
  {
    kind: "route",
    name: "search view",
    path: "/search/view/[query]",
    params: { query: { literal: "q=korea" } },
    cases: 48,
    regressions: [
      "/search/view/anything",
      "/search/view/q%3Dx%26page%3D99999",
      "/search/view/q%3D%2500",
      "/search/view/constructor%3Dx",
      "/search/view/q%3Da%26q%3Db",
      "/search/view/%E0%A4%A",
    ],
  },
  { kind: "route", name: "privacy", path: "/privacy", cases: 12 },
  { kind: "route", name: "preview", path: "/preview/[token]", params: { token: "previewToken" }, cases: 32 },
  { kind: "route", name: "not found", path: "/no-such-page/[rest]", params: { rest: { literal: "x" } }, cases: 16 },

  // Feeds and crawlers
  ...(["/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/robots.txt"] as const).map((path): RouteTarget => ({
    kind: "route",
    name: path,
    path,
    cases: 12,
  })),
  {
    kind: "route",
    name: "sitemap part",
    path: "/sitemap/[part]",
    params: { part: { literal: "0.xml" } },
    cases: 24,
    regressions: ["/sitemap/%00", "/sitemap/99999999999999999999.xml", "/sitemap/-1.xml"],
  },

  // Public API
  {
    kind: "route",
    name: "api search",
    path: "/api/search",
    query: ["q", "sort", ...ARCHIVE_QUERY],
    cases: 64,
    regressions: ["/api/search?constructor=x", "/api/search?toString=1&q=a", "/api/search?q=%00&category=%00"],
  },
  { kind: "route", name: "api suggest", path: "/api/search/suggest", query: ["q"], cases: 32 },
  {
    kind: "route",
    name: "api publication",
    path: "/api/publications/[slug]",
    params: { slug: "publication" },
    cases: 32,
    regressions: ["/api/publications/%00"],
  },
  { kind: "route", name: "api health", path: "/api/health", cases: 8 },
  {
    kind: "route",
    name: "media",
    path: "/media/[key]",
    params: { key: { literal: "images/0000000000000000.webp" } },
    cases: 32,
    regressions: ["/media/%00", "/media/..%2f..%2fpackage.json", "/media/images/%2e%2e/%2e%2e/package.json"],
  },
  // Stored files (the demo archive's PDF and audio), where Range, If-Range and HEAD are answered.
  {
    kind: "route",
    name: "media file",
    path: "/media/demo/[file]",
    params: { file: { literal: "report-summary.pdf" } },
    cases: 24,
  },
  {
    kind: "route",
    name: "media audio",
    path: "/media/demo/[file]",
    params: { file: { literal: "event-audio-excerpt.wav" } },
    cases: 24,
  },

  // Mailing list
  {
    kind: "route",
    name: "subscribe page",
    path: "/subscribe",
    query: ["signup", "email"],
    cases: 32,
  },
  {
    kind: "route",
    name: "confirm page",
    path: "/subscribe/confirm",
    query: ["token"],
    validQuery: { token: "confirmToken" },
    cases: 32,
  },
  {
    kind: "route",
    name: "preferences page",
    path: "/subscribe/preferences",
    query: ["token"],
    validQuery: { token: "manageToken" },
    cases: 32,
  },
  {
    kind: "route",
    name: "unsubscribe page",
    path: "/unsubscribe",
    query: ["token"],
    validQuery: { token: "manageToken" },
    cases: 24,
  },
  {
    kind: "body",
    name: "api subscribe",
    method: "POST",
    path: "/api/subscribe",
    fields: SIGNUP_FIELDS,
    validBody: VALID_SIGNUP,
    cases: 64,
  },
  {
    kind: "body",
    name: "api unsubscribe",
    method: "POST",
    path: "/api/unsubscribe",
    query: ["token"],
    fields: ["List-Unsubscribe"],
    validBody: { "List-Unsubscribe": "One-Click" },
    cases: 32,
  },
  {
    kind: "form",
    name: "signup box",
    // A page with the React signup box (a server action); the home page's posts to /api/subscribe ("api subscribe").
    path: "/privacy",
    fields: SIGNUP_FIELDS,
    identifiedBy: ["email", "firstName", "topics"],
    validBody: VALID_SIGNUP,
    cases: 40,
  },
  {
    kind: "form",
    name: "subscribe form",
    path: "/subscribe",
    fields: SIGNUP_FIELDS,
    identifiedBy: ["email", "firstName", "topics"],
    validBody: VALID_SIGNUP,
    cases: 32,
  },
  {
    kind: "form",
    name: "confirm form",
    path: "/subscribe/confirm",
    validQuery: { token: "confirmToken" },
    fields: ["token"],
    identifiedBy: ["token"],
    cases: 24,
  },
  {
    kind: "form",
    name: "preferences form",
    path: "/subscribe/preferences",
    validQuery: { token: "manageToken" },
    fields: ["token", "firstName", "lastName", "frequency", "topics", "topicsOffered"],
    identifiedBy: ["token", "frequency"],
    cases: 32,
  },
  {
    kind: "form",
    name: "unsubscribe form",
    path: "/unsubscribe",
    validQuery: { token: "manageToken" },
    fields: ["token"],
    identifiedBy: ["token"],
    cases: 16,
  },

  // Staff sign-in (anonymous attackers)
  { kind: "route", name: "login page", path: "/login", query: ["callbackUrl", "error"], cases: 32 },
  { kind: "route", name: "forgot page", path: "/login/forgot", cases: 8 },
  { kind: "route", name: "reset page", path: "/login/reset", query: ["token"], cases: 24 },
  {
    kind: "form",
    name: "forgot form",
    path: "/login/forgot",
    fields: ["email"],
    identifiedBy: ["email"],
    validBody: { email: "nobody@example.org" },
    cases: 24,
  },
  {
    kind: "body",
    name: "sign-in",
    method: "POST",
    path: "/api/auth/callback/credentials",
    fields: ["email", "password", "csrfToken", "callbackUrl", "json"],
    validBody: { email: "nobody@example.org", password: "wrong-password-123" },
    cases: 48,
  },
  {
    kind: "route",
    name: "auth endpoints",
    path: "/api/auth/[action]",
    params: { action: { literal: "session" } },
    otherMethods: ["POST"],
    cases: 32,
    regressions: ["/api/auth/csrf", "/api/auth/providers", "/api/auth/signin?callbackUrl=//evil.example"],
  },

  // Staff area and its endpoints, as an anonymous visitor reaches them
  {
    kind: "route",
    name: "admin pages",
    path: "/admin/[section]",
    params: { section: { literal: "publications" } },
    query: ["q", "page", "status"],
    cases: 32,
  },
  {
    kind: "route",
    name: "admin audit",
    path: "/admin/audit",
    query: ["actor", "action", "from", "to", "page"],
    cases: 24,
    regressions: [
      "/admin/audit?actor=constructor&action=auth.&from=2026-02-30&to=x&page=99999",
      "/admin/audit?__proto__=x&action=%00",
    ],
  },
  {
    kind: "route",
    name: "admin outbox message",
    path: "/admin/outbox/[name]",
    params: { name: { literal: "message.eml" } },
    query: ["view"],
    cases: 16,
    regressions: ["/admin/outbox/%", "/admin/outbox/%00", "/admin/outbox/..%2f..%2fpackage.json"],
  },
  { kind: "route", name: "subscribers export", path: "/admin/subscribers/export", query: ["q", "status"], cases: 8 },
  {
    kind: "body",
    name: "subscribers import",
    method: "POST",
    path: "/admin/subscribers/import",
    fields: ["file", "consent"],
    cases: 12,
  },
  {
    kind: "body",
    name: "wordpress import upload",
    method: "POST",
    path: "/api/admin/import",
    fields: ["file", "dryRun", "fetchMedia", "staffAccounts"],
    cases: 12,
  },
  { kind: "route", name: "simple page", path: "/[slug]", params: { slug: { literal: "about" } }, cases: 24 },
  {
    kind: "route",
    name: "simple child page",
    path: "/[slug]/[child]",
    params: { slug: { literal: "about" }, child: { literal: "staff" } },
    cases: 16,
  },
  {
    kind: "route",
    name: "old wordpress addresses",
    path: "/",
    query: ["p", "page_id", "attachment_id", "cat", "tag", "author", "feed"],
    regressions: ["/?p=1", "/2023/12/01/slug/", "/category/a/b/feed/", "/wp-content/uploads/../../etc/passwd"],
    cases: 24,
  },
  { kind: "route", name: "api admin media", path: "/api/admin/media", query: ["q", "page"], cases: 12 },
  {
    kind: "body",
    name: "api admin media upload",
    method: "POST",
    path: "/api/admin/media",
    fields: ["file", "alt"],
    cases: 12,
  },
  {
    kind: "body",
    name: "autosave",
    method: "POST",
    path: "/api/admin/publications/[id]/autosave",
    params: { id: { literal: "1" } },
    fields: ["version", "title", "bodyJson"],
    cases: 16,
  },
  {
    kind: "body",
    name: "internal revalidate",
    method: "POST",
    path: "/api/internal/revalidate",
    fields: ["tags"],
    validBody: { tags: ["listings"] },
    cases: 16,
  },
];
