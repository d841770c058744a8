/**
 * Shared plumbing for the command-line entry points in scripts/: a database for the
 * duration of the command, stopped on every way out, and failures printed as a message
 * rather than a stack trace.
 */
import { DatabaseUnavailableError, openDatabase, type DatabaseHandle } from "./database";

export class UsageError extends Error {}

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];
let exiting: Promise<never> | null = null;

export function onExit(cleanup: Cleanup): void {
  cleanups.push(cleanup);
}

/**
 * Runs the cleanups (last registered first), then exits. Every way out comes here, often
 * more than one at once (a signal, then the command's own end as its server stops): the
 * first decides the exit code, and the others wait for the same cleanup rather than
 * exiting halfway through it.
 */
function exitWith(code: number): Promise<never> {
  exiting ??= (async () => {
    for (const cleanup of [...cleanups].reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`While shutting down: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    process.exit(code);
  })();
  return exiting;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => void exitWith(signal === "SIGINT" ? 130 : 143));
}

// `kill <pid of npm>` ends npm and its shell without passing the signal on: this process
// is then orphaned (its parent changes). Treat that as SIGTERM, so what it started stops.
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart) void exitWith(143);
}, 250).unref();

/** Opens the database (embedded unless DATABASE_URL is set) and stops it when the command ends. */
export async function useDatabase(): Promise<DatabaseHandle> {
  const database = await openDatabase((line) => console.log(line));
  onExit(() => database.stop());
  return database;
}

/** Runs a command's main function with friendly errors and guaranteed cleanup. */
export function runCommand(main: () => Promise<number | void>): void {
  main()
    .then((code) => exitWith(code ?? 0))
    .catch((error: unknown) => {
      if (error instanceof DatabaseUnavailableError || error instanceof UsageError) {
        console.error(`\n${error.message}\n`);
      } else {
        console.error(error);
      }
      return exitWith(1);
    });
}
