/**
 * `npm run import:wordpress -- FILE [--uploads DIR | --no-fetch-media] [--dry-run] [--type-map a=report,b=op-ed] [--staff-accounts]`
 *
 * Imports a WordPress export (WXR, plain or .gz) into the site's database, printing
 * progress, then the counts and the report (also stored: /admin/import shows it). Running
 * it again changes nothing already imported; a run that was stopped resumes. Media come
 * from --uploads (a copy of wp-content/uploads) or, without it, are fetched from the old
 * site while it is reachable (only its own addresses; --no-fetch-media turns this off); their
 * renditions are made afterwards by the running site's job queue, as the command says.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { formatCount } from "@/lib/format/numbers";
import { IMPORT_PUBLICATION_TYPES } from "@/lib/wordpress/mapping";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { migrateDatabase } from "./lib/migrate";

const USAGE =
  "Usage: npm run import:wordpress -- FILE [--uploads DIR | --no-fetch-media] [--dry-run] [--type-map category=type-slug,…] [--staff-accounts]";

const argumentsSchema = z.object({
  file: z
    .string({ error: "Name the WordPress export to import." })
    .refine((file) => fs.existsSync(file) && fs.statSync(file).isFile(), "The export file does not exist."),
  uploads: z
    .string()
    .refine((dir) => fs.existsSync(dir) && fs.statSync(dir).isDirectory(), "The --uploads folder does not exist.")
    .optional(),
  dryRun: z.boolean(),
  noFetchMedia: z.boolean(),
  staffAccounts: z.boolean(),
  typeMap: z
    .string()
    .regex(/^[\w-]+=[a-z0-9-]+(,[\w-]+=[a-z0-9-]+)*$/, "--type-map takes category=type-slug pairs separated by commas.")
    .optional(),
});

runCommand(async () => {
  let parsedArgs;
  try {
    parsedArgs = parseArgs({
      allowPositionals: true,
      options: {
        uploads: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        "no-fetch-media": { type: "boolean", default: false },
        "staff-accounts": { type: "boolean", default: false },
        "type-map": { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const parsed = argumentsSchema.safeParse({
    file: parsedArgs.positionals[0],
    uploads: parsedArgs.values.uploads,
    dryRun: parsedArgs.values["dry-run"],
    noFetchMedia: parsedArgs.values["no-fetch-media"],
    staffAccounts: parsedArgs.values["staff-accounts"],
    typeMap: parsedArgs.values["type-map"],
  });
  if (!parsed.success)
    throw new UsageError(`${parsed.error.issues.map((issue) => issue.message).join("\n")}\n${USAGE}`);
  const args = parsed.data;
  const typeMapping: Record<string, string> = Object.fromEntries(
    (args.typeMap ?? "")
      .split(",")
      .filter(Boolean)
      .map((pair) => pair.split("=") as [string, string]),
  );

  const database = await useDatabase();
  await migrateDatabase(database.url);
  // The app's modules read DATABASE_URL when they load: set it before loading them.
  process.env.DATABASE_URL = database.url;
  const { db } = await import("@/lib/db");
  const { createImportRun, runImport } = await import("@/lib/wordpress/runs");
  const { env } = await import("@/lib/env");
  const { pendingRenditionsCount } = await import("@/lib/media/renditions");

  const admin = await db.user.findFirst({
    where: { role: "ADMIN", disabledAt: null },
    orderBy: { id: "asc" },
    select: { id: true, email: true, name: true, role: true },
  });
  const fetchMedia = !args.uploads && !args.noFetchMedia;
  if (fetchMedia && !admin) console.log("No admin account yet: media are not fetched from the old site.");
  if (args.uploads && !admin) {
    throw new UsageError(
      "Media are recorded as uploaded by an admin: create one first (npm run user:create -- --role ADMIN …).",
    );
  }
  const known = new Set([
    ...IMPORT_PUBLICATION_TYPES.map((type) => type.slug),
    ...(await db.publicationType.findMany({ select: { slug: true } })).map((type) => type.slug),
  ]);
  for (const type of Object.values(typeMapping)) {
    if (!known.has(type)) throw new UsageError(`--type-map names the type "${type}", which this site does not have.`);
  }

  const importId = await createImportRun(db, {
    sourcePath: path.resolve(args.file),
    filename: path.basename(args.file),
    uploadsDir: args.uploads ? path.resolve(args.uploads) : null,
    dryRun: args.dryRun,
    fetchMedia,
    staffAccounts: args.staffAccounts,
    createdById: admin?.id ?? null,
  });
  const total = fs.statSync(args.file).size;
  const started = Date.now();
  console.log(`${args.dryRun ? "Dry run of the import" : "Importing"} ${args.file} (import #${importId})…`);
  const outcome = await runImport(db, importId, {
    typeMapping,
    imageHosts: env.CONTENT_IMAGE_HOSTS,
    allowLoopbackFetch: env.IMPORT_FETCH_ALLOW_LOOPBACK === "on",
    mediaUser: admin,
    onProgress: ({ items, bytesRead }) => {
      const seconds = (Date.now() - started) / 1000;
      const percent = total > 0 ? Math.min(100, Math.round((bytesRead / total) * 100)) : 0;
      console.log(
        `  ${formatCount(items)} items · ${percent}% of the file · ${Math.round(items / Math.max(seconds, 0.001))} items/s`,
      );
    },
  });
  if (!outcome.ok) {
    console.error(`\n${outcome.message}\n`);
    return 1;
  }
  const { counts, report, scheduled } = outcome.result;
  console.log(
    `\n${args.dryRun ? "Would have" : "Done:"} ${formatCount(counts.created)} created, ${formatCount(counts.updated)} updated, ` +
      `${formatCount(counts.unchanged)} unchanged, ${formatCount(counts.conflicts)} conflicts, ${formatCount(counts.failed)} failed, ` +
      `${formatCount(counts.skipped)} skipped; ${formatCount(counts.authors)} authors, ${formatCount(counts.topics)} topics, ` +
      `${formatCount(counts.pages)} pages, ${formatCount(counts.media)} media, ${formatCount(counts.redirects)} old addresses redirected ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s).`,
  );
  for (const entry of report.filter((line) => line.kind !== "note").slice(0, 30)) {
    const what = entry.postId ? `post ${entry.postId}${entry.title ? ` "${entry.title.slice(0, 60)}"` : ""}: ` : "";
    console.log(`  [${entry.kind}] ${what}${entry.message}`);
  }
  console.log(`The whole report (${formatCount(report.length)} entries) is on /admin/import.`);
  if (scheduled.length > 0)
    console.log(`${formatCount(scheduled.length)} scheduled publications go live at their time.`);
  const waitingForRenditions = args.dryRun ? 0 : await pendingRenditionsCount(db);
  if (waitingForRenditions > 0)
    console.log(
      `The renditions of ${formatCount(waitingForRenditions)} images are being made in the background by the site's job queue ` +
        "(media.make-renditions, every minute while the site runs); pages show the original images until then.",
    );
  if (!args.dryRun)
    console.log(
      "A running site shows the imported content once its page cache is refreshed (restart it, or within the hour).",
    );
  return outcome.result.counts.failed > 0 ? 2 : 0;
});
