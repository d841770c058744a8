/**
 * What must finish before the server process exits: the HTTP server (server.ts) runs
 * these hooks on SIGTERM or SIGINT, after it stopped accepting connections, within its
 * time budget. instrumentation.ts registers the job workers' stop here.
 *
 * The hooks live on globalThis because the server and the app (bundled by Next.js) each
 * load their own copy of this file, in the same process.
 */
import { log } from "./log";

type ShutdownHook = (deadline: { timeoutMs: number }) => Promise<void>;

const HOOKS = Symbol.for("quire.shutdownHooks");

function hooks(): Map<string, ShutdownHook> {
  const holder = globalThis as { [HOOKS]?: Map<string, ShutdownHook> };
  return (holder[HOOKS] ??= new Map());
}

/** Registers (or replaces) the hook named `name`. */
export function onShutdown(name: string, hook: ShutdownHook): void {
  hooks().set(name, hook);
}

/**
 * Runs every hook at once; resolves when all finished or `timeoutMs` passed, whichever
 * comes first, naming the hooks that did not finish (or failed).
 */
export async function runShutdownHooks(timeoutMs: number): Promise<{ unfinished: string[] }> {
  const pending = new Set(hooks().keys());
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  const all = Promise.all(
    [...hooks()].map(async ([name, hook]) => {
      try {
        await hook({ timeoutMs });
        pending.delete(name);
      } catch (error) {
        log.error({ err: error, hook: name }, `Stopping ${name} failed`);
      }
    }),
  );
  await Promise.race([all, timedOut]);
  clearTimeout(timer);
  return { unfinished: [...pending] };
}
