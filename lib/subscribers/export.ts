/**
 * The subscriber CSV export, produced in pages of EXPORT_PAGE_SIZE rows read by keyset
 * (never the whole list in memory), so it streams any size of list.
 */
import { stringify } from "csv-stringify/sync";
import type { DatabaseClient } from "@/lib/db-client";

import { subscriberFilters, type SubscriberQuery } from "./admin";

const EXPORT_COLUMNS = [
  "email",
  "first name",
  "last name",
  "status",
  "frequency",
  "topics",
  "consent time",
  "consent ip",
  "consent version",
  "created",
  "event registrations",
];
const EXPORT_PAGE_SIZE = 1000;

type ExportRow = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  status: string;
  frequency: string;
  topics: string | null;
  consentAt: Date | null;
  consentIp: string | null;
  consentVersion: string | null;
  createdAt: Date;
  registrations: string | null;
};

/** Spreadsheets run cells starting with these as formulas: such values are prefixed with a quote. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const iso = (date: Date | null) => (date ? date.toISOString() : "");

export async function* subscriberCsv(database: DatabaseClient, query: SubscriberQuery): AsyncGenerator<string> {
  yield stringify([EXPORT_COLUMNS]);
  let afterId = 0;
  for (;;) {
    const rows = await database.$queryRaw<ExportRow[]>`
      SELECT s.id, s.email, s."firstName", s."lastName", s.status::text AS status, s.frequency::text AS frequency,
             (SELECT string_agg(c.slug, ';' ORDER BY c.slug) FROM "SubscriberTopic" t JOIN "Category" c ON c.id = t."categoryId" WHERE t."subscriberId" = s.id) AS topics,
             s."consentAt", s."consentIp", s."consentVersion", s."createdAt",
             (SELECT string_agg(p.slug || ' (' || lower(r.status::text) || ')', ';' ORDER BY r.id)
                FROM "EventRegistration" r JOIN "Publication" p ON p.id = r."eventId"
               WHERE r.email = s.email) AS registrations
        FROM "Subscriber" s
       WHERE ${subscriberFilters({ ...query, after: undefined })} AND s.id > ${afterId}
       ORDER BY s.id
       LIMIT ${EXPORT_PAGE_SIZE}`;
    if (rows.length === 0) return;
    yield stringify(
      rows.map((row) =>
        [
          row.email,
          row.firstName,
          row.lastName,
          row.status,
          row.frequency,
          row.topics ?? "",
          iso(row.consentAt),
          row.consentIp ?? "",
          row.consentVersion ?? "",
          iso(row.createdAt),
          row.registrations ?? "",
        ].map(safeCell),
      ),
    );
    afterId = rows.at(-1)!.id;
  }
}

/** The CSV as a byte stream for a Response, pulling a page from the database only when the client reads on. */
export function subscriberCsvStream(database: DatabaseClient, query: SubscriberQuery): ReadableStream<Uint8Array> {
  const pages = subscriberCsv(database, query);
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await pages.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
