/**
 * "Nothing already stored changed": every row of every table in the app's schema, as a
 * hash of its text, before and after the suite. A row that was there must still be there,
 * unchanged; new rows may appear only where an anonymous visitor legitimately writes
 * (signups and their queued emails, the audit of failed sign-ins and their hourly counts,
 * search statistics). The suite's own subscribers, whose links it uses, may change as their
 * owner would change them.
 *
 * A new table is checked strictly by default; a table that public requests legitimately
 * write to goes into MAY_GROW.
 */
import type { DatabaseClient } from "@/lib/db-client";

/** Tables public requests may add rows to (existing rows must still not change). */
const MAY_GROW = new Set([
  "Subscriber",
  "SubscriberTopic",
  "SubscriberEvent",
  // A signup's confirmation email, waiting for the job queue (lib/subscribers/signup.ts).
  "SignupMail",
  "AuditLog",
  // Hourly counts of failed anonymous sign-ins and reset requests (lib/auth/audit-log.ts).
  "AnonymousAuthEvent",
  "SearchLog",
  // Registrations for an event and their queued emails (lib/events/registration.ts).
  "EventRegistration",
  "EventMail",
]);

/** Rows the suite owns, by table: a SQL condition on the row alias `t`. */
const SUITE_OWNED: Record<string, string> = {
  Subscriber: `t.email LIKE '%@hostile-suite.example'`,
  SubscriberTopic: `t."subscriberId" IN (SELECT id FROM "Subscriber" WHERE email LIKE '%@hostile-suite.example')`,
  SubscriberEvent: `t."subscriberId" IN (SELECT id FROM "Subscriber" WHERE email LIKE '%@hostile-suite.example')`,
  EventRegistration: `t.email LIKE '%@hostile-suite.example'`,
};

export const SUITE_EMAIL_DOMAIN = "hostile-suite.example";

export type Snapshot = Map<string, string[]>;

export async function snapshotTables(db: DatabaseClient): Promise<Snapshot> {
  const tables = await db.$queryRaw<Array<{ name: string }>>`
    SELECT table_name::text AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY table_name`;
  const snapshot: Snapshot = new Map();
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const owned = SUITE_OWNED[name];
    const rows = await db.$queryRawUnsafe<Array<{ hash: string }>>(
      `SELECT md5(t::text) AS hash FROM ${quoted} t ${owned ? `WHERE NOT (${owned})` : ""} ORDER BY 1`,
    );
    snapshot.set(
      name,
      rows.map((row) => row.hash),
    );
  }
  return snapshot;
}

/** What changed that should not have, one line per table. */
export function unexpectedChanges(before: Snapshot, after: Snapshot): string[] {
  const problems: string[] = [];
  for (const [table, rows] of before) {
    const now = after.get(table);
    if (!now) {
      problems.push(`${table}: the table is gone`);
      continue;
    }
    const remaining = new Map<string, number>();
    for (const hash of now) remaining.set(hash, (remaining.get(hash) ?? 0) + 1);
    let changed = 0;
    for (const hash of rows) {
      const count = remaining.get(hash) ?? 0;
      if (count === 0) changed++;
      else remaining.set(hash, count - 1);
    }
    if (changed > 0) problems.push(`${table}: ${changed} existing row(s) changed or deleted`);
    const added = now.length - (rows.length - changed);
    if (added > 0 && !MAY_GROW.has(table)) problems.push(`${table}: ${added} row(s) added`);
  }
  return problems;
}
