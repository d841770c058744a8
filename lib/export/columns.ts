/**
 * A row of the export as the database takes it: validated against the table's own columns
 * (a zod schema built from the catalog, so it follows the schema as it changes), then
 * written as a line of COPY's text format.
 */
import { z } from "zod";
import type { Column, Table } from "./tables";

const INTEGER_TYPES = new Set(["int2", "int4"]);
const TIMESTAMP_TYPES = new Set(["timestamp", "timestamptz"]);

function scalarSchema(type: string, enumValues?: string[]): z.ZodType {
  if (enumValues) return z.enum(enumValues as [string, ...string[]]);
  if (INTEGER_TYPES.has(type)) return z.number().int();
  if (type === "int8") return z.union([z.number().int(), z.string().regex(/^-?\d{1,19}$/)]);
  if (type === "float4" || type === "float8" || type === "numeric") return z.number();
  if (type === "bool") return z.boolean();
  if (TIMESTAMP_TYPES.has(type)) return z.iso.datetime({ offset: true });
  if (type === "date") return z.iso.date();
  if (type === "json" || type === "jsonb") return z.json();
  return z.string().max(50_000_000);
}

function columnSchema(column: Column): z.ZodType {
  let schema = column.type.startsWith("_")
    ? z.array(scalarSchema(column.type.slice(1), column.enumValues).nullable())
    : scalarSchema(column.type, column.enumValues);
  // jsonb holds null as a JSON value already; other nullable columns take null.
  if (column.nullable && column.type !== "json" && column.type !== "jsonb") schema = schema.nullable();
  return column.nullable || column.hasDefault ? schema.optional() : schema;
}

/** The schema of one row of `table` holding `columns` (a column not in the table is an error). */
export function rowSchema(table: Table, columns: readonly string[]) {
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  const shape: Record<string, z.ZodType> = {};
  for (const name of columns) {
    const column = byName.get(name);
    if (column) shape[name] = columnSchema(column);
  }
  return z.strictObject(shape);
}

/** Columns the table needs a value for that `columns` does not give. */
export function missingRequiredColumns(table: Table, columns: readonly string[]): string[] {
  return table.columns
    .filter((column) => !column.nullable && !column.hasDefault && !columns.includes(column.name))
    .map((column) => column.name);
}

/** Backslash, newline, carriage return and tab escaped as COPY's text format wants. */
function copyEscape(text: string): string {
  return text.replace(/[\\\n\r\t]/g, (character) =>
    character === "\\" ? "\\\\" : character === "\n" ? "\\n" : character === "\r" ? "\\r" : "\\t",
  );
}

function arrayLiteral(values: unknown[]): string {
  const items = values.map((value) =>
    value === null ? "NULL" : `"${String(value).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`,
  );
  return `{${items.join(",")}}`;
}

/** One row as a line of COPY text, its values in the order of `columns`. */
export function copyLine(row: Record<string, unknown>, columns: readonly Column[]): string {
  const fields = columns.map((column) => {
    const value = row[column.name];
    if (column.type === "json" || column.type === "jsonb") return copyEscape(JSON.stringify(value ?? null));
    if (value === null || value === undefined) return "\\N";
    if (Array.isArray(value)) return copyEscape(arrayLiteral(value));
    return copyEscape(String(value));
  });
  return `${fields.join("\t")}\n`;
}
