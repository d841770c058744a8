/**
 * What the database says about its own tables, for the export, the import and the backup:
 * columns and their types, primary keys, which tables reference which (so rows go back in
 * an order their foreign keys accept), and the sequences to move past restored ids. Read
 * from the catalog rather than written down, so a table added later is handled the same.
 */
import pg from "pg";

/** The app's tables live in this schema; pg-boss keeps its queue in its own. */
export const APP_SCHEMA = "public";
/** Prisma's record of applied migrations: written by the migrations themselves, never copied. */
export const MIGRATIONS_TABLE = "_prisma_migrations";
/**
 * Tables a new site's migrations already fill (search's starter synonyms): their rows are no
 * sign of content, and an import or restore replaces them with what it brings.
 */
export const FILLED_BY_MIGRATIONS: ReadonlySet<string> = new Set(["SearchSynonym"]);

export type Column = {
  name: string;
  /** PostgreSQL's type name: "int4", "text", "timestamp", "jsonb", "_int4" (an array), an enum's name… */
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  /** For an enum column, its labels. */
  enumValues?: string[];
};

export type Table = {
  name: string;
  columns: Column[];
  primaryKey: string[];
  /** Tables this one references (other than itself). */
  references: string[];
  /** Columns holding a User id (a foreign key to "User"). */
  userColumns: string[];
};

/**
 * A pg client that hands timestamps back as ISO strings in UTC (the columns hold UTC
 * without a zone; pg would read them in the process's local zone) and dates as written.
 */
export function createPgClient(connectionString: string): pg.Client {
  return new pg.Client({
    connectionString,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === 1114) return (value: string) => `${value.replace(" ", "T")}Z`;
        if (oid === 1184 || oid === 1082) return (value: string) => value;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
}

export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

type Queryable = Pick<pg.Client, "query">;

/** Every table of the app's schema with its columns and keys, by name. */
export async function describeTables(client: Queryable): Promise<Map<string, Table>> {
  const { rows: columns } = await client.query<{
    table_name: string;
    column_name: string;
    udt_name: string;
    is_nullable: string;
    column_default: string | null;
    is_generated: string;
    enum_values: string[] | null;
  }>(
    `SELECT c.table_name::text, c.column_name::text, c.udt_name::text, c.is_nullable::text,
            c.column_default::text, c.is_generated::text,
            (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
               FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
              WHERE t.typname = c.udt_name) AS enum_values
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
    [APP_SCHEMA],
  );
  const { rows: keys } = await client.query<{ table_name: string; columns: string[] }>(
    `SELECT rel.relname::text AS table_name,
            array_agg(att.attname::text ORDER BY array_position(con.conkey, att.attnum)) AS columns
       FROM pg_constraint con
       JOIN pg_class rel ON rel.oid = con.conrelid
       JOIN pg_namespace ns ON ns.oid = rel.relnamespace
       JOIN pg_attribute att ON att.attrelid = rel.oid AND att.attnum = ANY (con.conkey)
      WHERE con.contype = 'p' AND ns.nspname = $1
      GROUP BY rel.relname`,
    [APP_SCHEMA],
  );
  const { rows: foreignKeys } = await client.query<{ table_name: string; referenced: string; columns: string[] }>(
    `SELECT rel.relname::text AS table_name, ref.relname::text AS referenced,
            array_agg(att.attname::text) AS columns
       FROM pg_constraint con
       JOIN pg_class rel ON rel.oid = con.conrelid
       JOIN pg_class ref ON ref.oid = con.confrelid
       JOIN pg_namespace ns ON ns.oid = rel.relnamespace
       JOIN pg_attribute att ON att.attrelid = rel.oid AND att.attnum = ANY (con.conkey)
      WHERE con.contype = 'f' AND ns.nspname = $1
      GROUP BY con.oid, rel.relname, ref.relname`,
    [APP_SCHEMA],
  );
  const tables = new Map<string, Table>();
  for (const row of columns) {
    if (row.is_generated === "ALWAYS") continue; // computed by the database, never written
    let table = tables.get(row.table_name);
    if (!table) {
      table = { name: row.table_name, columns: [], primaryKey: [], references: [], userColumns: [] };
      tables.set(row.table_name, table);
    }
    table.columns.push({
      name: row.column_name,
      type: row.udt_name,
      nullable: row.is_nullable === "YES",
      hasDefault: row.column_default !== null,
      ...(row.enum_values && { enumValues: row.enum_values }),
    });
  }
  for (const key of keys) {
    const table = tables.get(key.table_name);
    if (table) table.primaryKey = key.columns;
  }
  for (const key of foreignKeys) {
    const table = tables.get(key.table_name);
    if (!table) continue;
    if (key.referenced !== key.table_name && !table.references.includes(key.referenced))
      table.references.push(key.referenced);
    if (key.referenced === "User") table.userColumns.push(...key.columns);
  }
  return tables;
}

/** The names in an order where every table comes after the tables it references. */
export function dependencyOrder(tables: Map<string, Table>, names: Iterable<string> = tables.keys()): string[] {
  const wanted = new Set(names);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name) || visiting.has(name) || !wanted.has(name)) return;
    visiting.add(name);
    for (const referenced of tables.get(name)?.references ?? []) visit(referenced);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const name of [...wanted].sort()) visit(name);
  return ordered;
}

/** Moves every sequence of the app's schema past the largest id its column holds. */
export async function resetSequences(client: Queryable): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string; sequence: string }>(
    `SELECT c.table_name::text, c.column_name::text,
            pg_get_serial_sequence(quote_ident(c.table_name), c.column_name)::text AS sequence
       FROM information_schema.columns c
      WHERE c.table_schema = $1 AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`,
    [APP_SCHEMA],
  );
  for (const row of rows) {
    await client.query(
      `SELECT setval($1::regclass, coalesce((SELECT max(${quoteIdentifier(row.column_name)}) FROM ${quoteIdentifier(row.table_name)}), 0) + 1, false)`,
      [row.sequence],
    );
  }
}

/** Tables (other than the migrations' record) holding at least one row. */
export async function nonEmptyTables(client: Queryable, names: Iterable<string>): Promise<string[]> {
  const found: string[] = [];
  for (const name of names) {
    if (name === MIGRATIONS_TABLE || FILLED_BY_MIGRATIONS.has(name)) continue;
    const { rowCount } = await client.query(`SELECT 1 FROM ${quoteIdentifier(name)} LIMIT 1`);
    if (rowCount) found.push(name);
  }
  return found;
}
