import { spawn } from "node:child_process";
import path from "node:path";

const projectRoot = path.resolve(import.meta.dirname, "../..");

export type ScriptRun = { code: number | null; stdout: string; stderr: string };

/** Runs one of the project's scripts/ entry points as `npm run` would, and collects its output. */
export function runScript(script: string, args: string[], env: Record<string, string | undefined>): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, scriptCommand(script, args), {
      cwd: projectRoot,
      env: mergeEnvironment(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Node's arguments to run a TypeScript entry point in this very process (`--import tsx`),
 * rather than through the tsx CLI, which runs it in a child and would stand between a
 * test's signals (SIGINT, SIGKILL) and the script.
 */
export function scriptCommand(script: string, args: string[] = []): string[] {
  return ["--import", "tsx", path.join("scripts", script), ...args];
}

/** process.env with overrides; an override of `undefined` removes the variable. */
export function mergeEnvironment(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

/** A stack trace line, as Node prints them. */
export const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$/m;
