/** The audit log page's query string (/admin/audit) and its retention setting (/admin/settings). */
import { z } from "zod";
import { databaseIdSchema, firstValue } from "./common";

export const AUDIT_PAGE_SIZE = 50;
const MAX_PAGE = 10_000;

/** How long the audit log keeps its entries unless an admin chose otherwise, in days. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;
export const MIN_AUDIT_RETENTION_DAYS = 30;
export const MAX_AUDIT_RETENTION_DAYS = 3650;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)));

/**
 * An action name ("user.invite"), or a family of them ending in a dot ("auth."): lower-case
 * words joined by dots and underscores.
 */
const actionFilter = z
  .string()
  .trim()
  .max(100)
  .regex(/^[a-z][a-z_]*(\.[a-z_]+)*\.?$/);

/** Anything malformed falls back to "no filter" (or page 1) rather than failing. */
const auditQuerySchema = z.object({
  actor: z.preprocess(firstValue, databaseIdSchema.optional().catch(undefined)),
  action: z.preprocess(firstValue, actionFilter.optional().catch(undefined)),
  from: z.preprocess(firstValue, isoDay.optional().catch(undefined)),
  to: z.preprocess(firstValue, isoDay.optional().catch(undefined)),
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1)),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export function parseAuditQuery(searchParams: Record<string, string | string[] | undefined>): AuditQuery {
  return auditQuerySchema.parse(searchParams ?? {});
}

/** The query string for `query` (page 1 and empty filters left out). */
export function auditQueryString(query: Partial<AuditQuery>): string {
  const params = new URLSearchParams();
  if (query.actor !== undefined) params.set("actor", String(query.actor));
  if (query.action) params.set("action", query.action);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const auditRetentionSchema = z.object({
  retentionDays: z.coerce
    .number({ error: "Enter a number of days" })
    .int("Enter a whole number of days")
    .min(MIN_AUDIT_RETENTION_DAYS, `Keep the audit log at least ${MIN_AUDIT_RETENTION_DAYS} days`)
    .max(MAX_AUDIT_RETENTION_DAYS, `Keep the audit log at most ${MAX_AUDIT_RETENTION_DAYS} days`),
});
