/** The export download's query string (/admin/export/download?format=…). */
import { z } from "zod";
import { firstValue } from "./common";

export const EXPORT_FORMATS = ["quire", "wxr"] as const;

export const exportQuerySchema = z.object({
  format: z.preprocess(
    firstValue,
    z.enum(EXPORT_FORMATS, { error: "format is quire (the full export) or wxr (for WordPress)" }).default("quire"),
  ),
});
