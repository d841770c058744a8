/** `next start` for the benchmarks: production build, a free port, stopped when the command ends. */
import { onExit } from "../../scripts/lib/cli";
import { buildIfChanged, nextEnvironment, startNext } from "../../scripts/lib/next-build";
import { freePort } from "../../scripts/lib/processes";

export type BenchServer = { base: string; stop(): void };

/** Builds when sources changed (against `databaseUrl`), then serves that database. */
export async function startBenchServer(databaseUrl: string): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...nextEnvironment({ DATABASE_URL: databaseUrl, SITE_URL: base, NEXTAUTH_URL: base, NEXTAUTH_SECRET: "bench-only-secret-long-enough-for-validation" }),
    NODE_ENV: "production" as const,
  };
  await buildIfChanged(env);
  const server = startNext(["start", "--port", String(port), "--hostname", "127.0.0.1"], env);
  const stop = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  onExit(stop);
  await waitUntilServing(base);
  return { base, stop };
}

export async function waitUntilServing(base: string, probePath = "/api/health"): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${base}${probePath}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${base} did not become healthy`);
}
