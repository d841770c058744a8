/** The options of the WordPress import form (/admin/import → POST /api/admin/import), beside its file. */
import { z } from "zod";

/** A checkbox: "yes" when ticked, absent when not; anything else is refused. */
const checkbox = (label: string) =>
  z
    .enum(["yes"], { error: `${label} is a checkbox: send "yes" or leave it out` })
    .nullable()
    .transform((value) => value === "yes");

export const wordpressImportFormSchema = z.object({
  dryRun: checkbox("Dry run"),
  /** Fetch media from the old site (the uploads folder option is the command line's: it names a folder on the server). */
  fetchMedia: checkbox("Fetch media from the old site"),
  staffAccounts: checkbox("Create staff accounts for authors"),
});

export type WordPressImportForm = z.infer<typeof wordpressImportFormSchema>;
