/**
 * CSV import of subscribers. The upload is checked and stored (SubscriberImport.csv); a
 * background job then works through it in batches, each batch committed together with
 * the progress counter, so a restarted job carries on where the last one stopped. Every
 * row that is not imported gets a line in the report saying why.
 *
 * With staff's assertion that these people consented, rows are imported as CONFIRMED
 * with a consent record naming the import and the staff member; without it they are
 * PENDING and go through the double opt-in like a signup (same confirmation email, same
 * once-per-10-minutes rule). Addresses already on the list are never changed by an
 * import, and suppressed (erased) addresses are never added.
 */
import { parse } from "csv-parse/sync";
import type { DatabaseClient } from "@/lib/db-client";
import type { Result } from "@/lib/result";
import { isBlockedAddress } from "@/lib/mail/blocked-domains";
import type { Prisma } from "@/lib/generated/prisma/client";
import { subscriberEmailSchema, MAX_NAME_LENGTH } from "@/lib/validations/subscriber";
import { emailHash } from "./suppression";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const MAX_IMPORT_ROWS = 100_000;
const IMPORT_BATCH_SIZE = 500;
/** Report lines kept per import; the counts stay exact beyond it. */
const MAX_REPORT_LINES = 20_000;

export type ImportReportLine = { row: number; email: string; message: string };

type CsvRecord = { email: string; firstName: string; lastName: string; topics: string; frequency: string };

/** Header cells as people write them: "Email", "First name", "first_name", "firstName"… */
function columnKey(header: string): keyof CsvRecord | null {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
  const known: Record<string, keyof CsvRecord> = {
    email: "email",
    emailaddress: "email",
    firstname: "firstName",
    lastname: "lastName",
    topics: "topics",
    frequency: "frequency",
  };
  return known[key] ?? null;
}

function parseCsv(csv: string): { ok: true; records: CsvRecord[] } | { ok: false; message: string } {
  let rows: string[][];
  try {
    rows = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { ok: false, message: `The file is not valid CSV: ${(error as Error).message}` };
  }
  const [header, ...body] = rows;
  const keys = (header ?? []).map(columnKey);
  if (!keys.includes("email"))
    return { ok: false, message: "The first line must name the columns, including one called “email”." };
  const records = body.map((cells) => {
    const record: CsvRecord = { email: "", firstName: "", lastName: "", topics: "", frequency: "" };
    keys.forEach((key, index) => {
      if (key) record[key] = cells[index] ?? "";
    });
    return record;
  });
  return { ok: true, records };
}

/** Checks and stores an upload; the caller queues the job. */
export async function createImport(
  database: DatabaseClient,
  upload: { filename: string; csv: string; bytes: number; assertedConsent: boolean },
  actorId: number,
): Promise<Result<{ message: string; id: number }>> {
  if (upload.bytes === 0) return { ok: false, status: 400, message: "Choose a CSV file to import." };
  if (upload.bytes > MAX_IMPORT_BYTES)
    return { ok: false, status: 413, message: `The file is too large (${MAX_IMPORT_BYTES / 1024 / 1024} MB at most).` };
  if (upload.csv.includes("\u0000")) return { ok: false, status: 400, message: "The file is not a text CSV file." };
  const parsed = parseCsv(upload.csv);
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  if (parsed.records.length === 0) return { ok: false, status: 400, message: "The file has no rows below its header." };
  if (parsed.records.length > MAX_IMPORT_ROWS)
    return {
      ok: false,
      status: 413,
      message: `The file has too many rows (${MAX_IMPORT_ROWS.toLocaleString("en-US")} at most).`,
    };
  const filename = upload.filename.replace(/[^\p{L}\p{N} ._()-]/gu, "_").slice(0, 200) || "upload.csv";
  const created = await database.$transaction(async (tx) => {
    const row = await tx.subscriberImport.create({
      data: {
        filename,
        csv: upload.csv,
        assertedConsent: upload.assertedConsent,
        totalRows: parsed.records.length,
        createdById: actorId,
      },
      select: { id: true },
    });
    await tx.auditLog.create({
      data: {
        actorId,
        action: "subscriber.import",
        entityType: "SubscriberImport",
        entityId: String(row.id),
        details: { rows: parsed.records.length, assertedConsent: upload.assertedConsent },
      },
    });
    return row;
  });
  return { ok: true, message: "The import has been queued.", id: created.id };
}

export type PendingSignup = { email: string; firstName: string; lastName: string; topicIds: number[] };

export type ImportContext = {
  blockedDomains: string[];
  /** Starts the double opt-in for one imported address (lib/subscribers/signup.ts), when consent was not asserted. */
  startDoubleOptIn: (signup: PendingSignup) => Promise<void>;
};

type Checked =
  | { ok: true; row: number; signup: PendingSignup; frequency: "WEEKLY" | "IMMEDIATE" }
  | { ok: false; line: ImportReportLine };

/**
 * Processes the next batch of an import. Returns true when the import is finished.
 * Earlier rows are re-read from the stored file to find duplicates within it.
 */
export async function processImportBatch(
  database: DatabaseClient,
  importId: number,
  context: ImportContext,
  batchSize = IMPORT_BATCH_SIZE,
): Promise<boolean> {
  const job = await database.subscriberImport.findUnique({
    where: { id: importId },
    include: { createdBy: { select: { email: true } } },
  });
  if (!job || job.status === "done" || job.csv === null) return true;
  const parsed = parseCsv(job.csv);
  if (!parsed.ok) {
    await database.subscriberImport.update({
      where: { id: importId },
      data: {
        status: "failed",
        csv: null,
        finishedAt: new Date(),
        report: [{ row: 0, email: "", message: parsed.message }],
      },
    });
    return true;
  }
  const start = job.processedRows;
  const batch = parsed.records.slice(start, start + batchSize);
  const seen = new Map<string, number>();
  parsed.records.slice(0, start).forEach((record, index) => {
    const email = subscriberEmailSchema.safeParse(record.email);
    if (email.success && !seen.has(email.data)) seen.set(email.data, index + 2);
  });

  const categories = await database.category.findMany({ select: { id: true, slug: true, name: true } });
  const topicIds = new Map<string, number>();
  for (const category of categories) {
    topicIds.set(category.slug, category.id);
    topicIds.set(category.name.toLowerCase(), category.id);
  }

  // Row numbers as a spreadsheet shows them: the header is row 1.
  const checked: Checked[] = batch.map((record, index) => {
    const row = start + index + 2;
    const email = subscriberEmailSchema.safeParse(record.email);
    const shown = record.email.slice(0, 254);
    if (!email.success)
      return {
        ok: false,
        line: { row, email: shown, message: `Bad email: ${email.error.issues[0]?.message ?? "not an address"}` },
      };
    const duplicateOf = seen.get(email.data);
    if (duplicateOf !== undefined)
      return {
        ok: false,
        line: { row, email: email.data, message: `Duplicate in the file (same as row ${duplicateOf})` },
      };
    seen.set(email.data, row);
    if (isBlockedAddress(email.data, context.blockedDomains))
      return { ok: false, line: { row, email: email.data, message: "Blocked domain" } };
    const names = [record.firstName, record.lastName].map((name) => name.replace(/[\u0000-\u001f\u007f]/g, " ").trim());
    if (names.some((name) => name.length > MAX_NAME_LENGTH))
      return {
        ok: false,
        line: { row, email: email.data, message: `Name too long (${MAX_NAME_LENGTH} characters at most)` },
      };
    const wanted = record.topics
      .split(/[;|]/)
      .map((topic) => topic.trim().toLowerCase())
      .filter(Boolean);
    const unknown = wanted.filter((topic) => !topicIds.has(topic));
    if (unknown.length > 0)
      return {
        ok: false,
        line: { row, email: email.data, message: `Unknown topic: ${unknown.join(", ").slice(0, 200)}` },
      };
    const frequency = record.frequency.trim().toUpperCase() || "WEEKLY";
    if (frequency !== "WEEKLY" && frequency !== "IMMEDIATE")
      return { ok: false, line: { row, email: email.data, message: "Frequency must be WEEKLY or IMMEDIATE" } };
    const ids =
      wanted.length > 0
        ? [...new Set(wanted.map((topic) => topicIds.get(topic)!))]
        : categories.map((category) => category.id);
    return {
      ok: true,
      row,
      signup: { email: email.data, firstName: names[0]!, lastName: names[1]!, topicIds: ids },
      frequency,
    };
  });

  const candidates = checked.filter((entry) => entry.ok);
  const emails = candidates.map((entry) => entry.signup.email);
  const [existing, suppressed] = await Promise.all([
    database.subscriber.findMany({ where: { email: { in: emails } }, select: { email: true, status: true } }),
    database.suppression.findMany({ where: { emailHash: { in: emails.map(emailHash) } }, select: { emailHash: true } }),
  ]);
  const existingStatus = new Map(existing.map((row) => [row.email, row.status]));
  const suppressedHashes = new Set(suppressed.map((row) => row.emailHash));

  const report: ImportReportLine[] = [];
  const toAdd: Array<Extract<Checked, { ok: true }>> = [];
  for (const entry of checked) {
    if (!entry.ok) report.push(entry.line);
    else if (suppressedHashes.has(emailHash(entry.signup.email)))
      report.push({
        row: entry.row,
        email: entry.signup.email,
        message: "Suppressed: erased on request, never re-added",
      });
    else if (existingStatus.has(entry.signup.email)) {
      const status = existingStatus.get(entry.signup.email);
      report.push({
        row: entry.row,
        email: entry.signup.email,
        message: status === "UNSUBSCRIBED" ? "Unsubscribed earlier: not re-added" : "Already subscribed",
      });
    } else toAdd.push(entry);
  }

  const consentVersion = `import #${importId} by staff ${job.createdBy?.email ?? `#${job.createdById ?? "?"}`}`;
  let imported = 0;
  if (job.assertedConsent) {
    imported = await database.$transaction(async (tx) => {
      const now = new Date();
      const inserted = await tx.$queryRaw<Array<{ id: number; email: string }>>`
        INSERT INTO "Subscriber" (email, "firstName", "lastName", status, frequency, "consentAt", "consentVersion", "confirmedAt", source, "updatedAt")
        SELECT e, f, l, 'CONFIRMED', q::"DeliveryFrequency", ${now}, ${consentVersion}, ${now}, 'import', ${now}
          FROM unnest(${toAdd.map((entry) => entry.signup.email)}::text[], ${toAdd.map((entry) => entry.signup.firstName)}::text[],
                      ${toAdd.map((entry) => entry.signup.lastName)}::text[], ${toAdd.map((entry) => entry.frequency)}::text[]) AS t(e, f, l, q)
        ON CONFLICT (email) DO NOTHING
        RETURNING id, email`;
      const ids = new Map(inserted.map((row) => [row.email, row.id]));
      const topicRows = toAdd.flatMap((entry) =>
        ids.has(entry.signup.email)
          ? entry.signup.topicIds.map((categoryId) => ({ subscriberId: ids.get(entry.signup.email)!, categoryId }))
          : [],
      );
      if (topicRows.length > 0) await tx.subscriberTopic.createMany({ data: topicRows, skipDuplicates: true });
      await tx.subscriberEvent.createMany({
        data: inserted.map((row) => ({
          subscriberId: row.id,
          type: "import",
          details: { importId, consent: "asserted by staff" },
        })),
      });
      // Added by someone else since the check above: reported like any existing address.
      for (const entry of toAdd)
        if (!ids.has(entry.signup.email))
          report.push({ row: entry.row, email: entry.signup.email, message: "Already subscribed" });
      await recordProgress(
        tx as unknown as DatabaseClient,
        importId,
        job,
        batch.length,
        inserted.length,
        report,
        parsed.records.length,
      );
      return inserted.length;
    });
    return start + batch.length >= parsed.records.length;
  }

  for (const entry of toAdd) {
    await context.startDoubleOptIn(entry.signup);
    const row = await database.subscriber.findUnique({ where: { email: entry.signup.email }, select: { id: true } });
    if (row) {
      await database.subscriber.update({
        where: { id: row.id },
        data: { source: "import", frequency: entry.frequency },
      });
      await database.subscriberEvent.create({
        data: { subscriberId: row.id, type: "import", details: { importId, consent: "double opt-in" } },
      });
      imported++;
    } else
      report.push({
        row: entry.row,
        email: entry.signup.email,
        message: "Suppressed: erased on request, never re-added",
      });
  }
  await recordProgress(database, importId, job, batch.length, imported, report, parsed.records.length);
  return start + batch.length >= parsed.records.length;
}

async function recordProgress(
  database: DatabaseClient,
  importId: number,
  job: { processedRows: number; report: Prisma.JsonValue },
  processed: number,
  imported: number,
  report: ImportReportLine[],
  total: number,
) {
  const previous = Array.isArray(job.report) ? (job.report as ImportReportLine[]) : [];
  const done = job.processedRows + processed >= total;
  await database.subscriberImport.update({
    where: { id: importId },
    data: {
      processedRows: { increment: processed },
      imported: { increment: imported },
      skipped: { increment: report.length },
      report: [...previous, ...report.sort((a, b) => a.row - b.row)].slice(0, MAX_REPORT_LINES),
      status: done ? "done" : "running",
      // The file holds personal data: it is dropped once the import has run.
      ...(done && { csv: null, finishedAt: new Date() }),
    },
  });
}
