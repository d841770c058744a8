/**
 * CPU time of a process and its descendants, from /proc (Linux): the machines these
 * benchmarks run on are shared, so besides requests per second a benchmark can say what a
 * request costs in CPU, which other processes' load changes much less.
 */
import fs from "node:fs";
import path from "node:path";

const CLOCK_TICKS_PER_SECOND = 100;

/** Each process's own CPU time, and (`reapedMs`) that of its children that exited and were waited for. */
function processTimes(): Map<number, { parent: number; cpuMs: number; reapedMs: number }> {
  const times = new Map<number, { parent: number; cpuMs: number; reapedMs: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]);
      const reaped = Number(fields[13]) + Number(fields[14]);
      times.set(Number(entry), {
        parent: Number(fields[1]),
        cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
        reapedMs: (reaped * 1000) / CLOCK_TICKS_PER_SECOND,
      });
    } catch {
      // Gone meanwhile.
    }
  }
  return times;
}

/**
 * CPU ms so far of `root` and its descendants, those that exited included (PostgreSQL's
 * connection processes come and go: the kernel adds their time to their parent's once reaped).
 */
export function treeCpuMs(root: number): number {
  const times = processTimes();
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, { parent }] of times)
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
  }
  return [...tree].reduce((total, pid) => total + (times.get(pid)?.cpuMs ?? 0) + (times.get(pid)?.reapedMs ?? 0), 0);
}

/** The embedded PostgreSQL's server process (its postmaster), or null when another server is used. */
export function embeddedPostgresPid(dataDirectory = path.resolve(".data/postgres")): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDirectory, "postmaster.pid"), "utf8").split("\n", 1)[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
