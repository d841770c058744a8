/**
 * What the full export holds: one JSON Lines file per kind, each a table of the schema
 * (a Prisma model), and which models are deliberately left out and why. Every model must
 * be in one list or the other (tests/export.test.ts reads the models from the Prisma
 * client and fails on one in neither), so a table added later is never forgotten.
 * The format is documented in docs/export-format.md.
 */

export type ExportKind = {
  /** The file's name in the archive: data/<kind>.jsonl. */
  kind: string;
  /** The Prisma model (and table) it holds. */
  model: string;
  /** Columns never exported: credentials and sign-in bookkeeping. */
  omit?: readonly string[];
};

export const EXPORT_KINDS: readonly ExportKind[] = [
  // Staff accounts by name, email and role only: no password hash, no session counter.
  // Imported accounts set a password through "Forgot your password?".
  { kind: "users", model: "User", omit: ["passwordHash", "sessionVersion", "lastSignInAt"] },
  { kind: "publication-types", model: "PublicationType" },
  { kind: "topics", model: "Category" },
  { kind: "series", model: "Series" },
  // A PDF's text is read again from the file by the importing site (lib/media/pdf-text.ts).
  { kind: "media", model: "Media", omit: ["textReadAt", "textError", "searchWords"] },
  { kind: "authors", model: "Author" },
  { kind: "author-expertise", model: "AuthorExpertise" },
  { kind: "publications", model: "Publication" },
  { kind: "publication-authors", model: "PublicationAuthor" },
  { kind: "publication-topics", model: "PublicationCategory" },
  { kind: "revisions", model: "Revision" },
  { kind: "redirects", model: "Redirect" },
  { kind: "pages", model: "Page" },
  // Which WordPress post, page, author or term each imported row came from: a later
  // WordPress import into the new site then updates rather than duplicates.
  { kind: "wordpress-items", model: "WordPressItem" },
  { kind: "settings", model: "Setting" },
  // Staff's synonyms and acronyms for search (the starter list as they left it, and their own).
  { kind: "search-synonyms", model: "SearchSynonym" },
  { kind: "subscribers", model: "Subscriber", omit: ["signupMailPending", "signupMailAt"] },
  { kind: "subscriber-topics", model: "SubscriberTopic" },
  { kind: "subscriber-events", model: "SubscriberEvent" },
  { kind: "suppressions", model: "Suppression" },
  { kind: "digests", model: "Digest" },
  { kind: "events", model: "EventDetails" },
  { kind: "event-speakers", model: "EventSpeaker" },
  { kind: "event-registrations", model: "EventRegistration" },
];

/** Models not in the export, each with the reason. */
export const LEFT_OUT: Readonly<Record<string, string>> = {
  TwoFactor: "second-factor secrets: each person sets up their authenticator again",
  RecoveryCode: "second-factor recovery codes (hashes of credentials)",
  RevokedSession: "sign-in sessions of this site, meaningless on another",
  RateLimit: "rate-limit counters, rebuilt as requests come",
  AnonymousAuthEvent: "hourly counts of failed sign-ins: security bookkeeping of this site",
  AuditLog: "this site's audit trail (the backup keeps it); the export is the content",
  SearchDocument: "derived: rebuilt by the database's triggers as publications are imported",
  SearchTerm: "derived: rebuilt by the database's triggers as publications are imported",
  SearchLog: "search statistics, not content",
  MediaPage: "derived: PDFs' text, read again from the files by the importing site (npm run media:read-pdfs)",
  SearchTermDeletion: "derived: the vocabulary's typo index, kept by the database's triggers",
  SearchIndexChange: "transient: publications changed while a search index rebuild runs, emptied when it ends",
  EditPresence: "who has the editor open right now",
  SignupMail: "the queue of signup emails waiting to be sent",
  EventMail: "the queue of event emails waiting to be sent",
  DigestDelivery: "per-recipient sending bookkeeping of digests",
  AlertDelivery: "per-recipient sending bookkeeping of alerts",
  SubscriberImport: "uploaded CSV files and their reports, kept only until processed",
  WordPressImport: "runs of the WordPress import: paths of uploaded files on this server and their reports",
};

/** Settings never exported, in case one ever holds a credential. */
export const SECRET_SETTING = /secret|password|token|credential|smtp/i;

/** The archive's format name and version (manifest.json). */
export const EXPORT_FORMAT = "quire-export";
export const EXPORT_FORMAT_VERSION = 1;
