import pg from "pg";
import { isAlive } from "../../scripts/lib/processes";

/**
 * Test databases are named quire_test_<pid>_<suffix>, so a run can tell its own from those
 * of a run that is still going (leave alone) or one that died (drop).
 */
const PREFIX = "quire_test_";

export function templateDatabaseName(): string {
  return `${PREFIX}${process.pid}_template`;
}

export function testDatabaseName(): string {
  return `${PREFIX}${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

export async function adminConnection(serverUrl: string): Promise<pg.Client> {
  const url = new URL(serverUrl);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

export async function dropStaleTestDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'quire\\_test\\_%'`,
  );
  for (const { datname } of rows) {
    const pid = Number(datname.slice(PREFIX.length).split("_")[0]);
    if (Number.isInteger(pid) && !isAlive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
