/**
 * What must finish before the server process exits: the HTTP server (server.ts) runs
 * these hooks on SIGTERM or SIGINT, after it stopped accepting connections, within its
 * time budget: "draining" hooks while the last requests finish (the job workers' stop),
 * then "closing" hooks once no request or job is left to need what they close (the
 * rate-limit store's connections). instrumentation.ts registers them.
 *
 * The hooks live on globalThis because the server and the app (bundled by Next.js) each
 * load their own copy of this file, in the same process.
 */
import { log } from "./log";

type ShutdownHook = (deadline: { timeoutMs: number }) => Promise<void>;
export type ShutdownPhase = "draining" | "closing";

const HOOKS = Symbol.for("quire.shutdownHooks");

function hooks(phase: ShutdownPhase): Map<string, ShutdownHook> {
  const holder = globalThis as { [HOOKS]?: Record<ShutdownPhase, Map<string, ShutdownHook>> };
  return (holder[HOOKS] ??= { draining: new Map(), closing: new Map() })[phase];
}

/** Registers (or replaces) the hook named `name`, run in `phase`. */
export function onShutdown(name: string, hook: ShutdownHook, phase: ShutdownPhase = "draining"): void {
  hooks(phase).set(name, hook);
}

/**
 * Runs every hook of `phase` at once; resolves when all finished or `timeoutMs` passed,
 * whichever comes first, naming the hooks that did not finish (or failed).
 */
export async function runShutdownHooks(
  timeoutMs: number,
  phase: ShutdownPhase = "draining",
): Promise<{ unfinished: string[] }> {
  const pending = new Set(hooks(phase).keys());
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  const all = Promise.all(
    [...hooks(phase)].map(async ([name, hook]) => {
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
