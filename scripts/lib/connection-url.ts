import type { PoolConfig } from "pg";

/**
 * Splits a postgres:// URL into the discrete fields node-postgres accepts, so a caller can
 * override one of them (e.g. `database`) — which a `connectionString` would silently win over.
 */
export function connectionFieldsFromUrl(url: string): PoolConfig {
  const parsed = new URL(url);
  const sslMode = parsed.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(parsed.hostname) || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
    ssl:
      sslMode && sslMode !== "disable" && sslMode !== "prefer"
        ? { rejectUnauthorized: sslMode === "verify-full" }
        : undefined,
  };
}

/** The URL with its password replaced by "***", for messages and logs. */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
