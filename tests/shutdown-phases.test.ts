/**
 * Stopping runs in two phases (lib/shutdown.ts): what drains (the job workers) while the
 * last requests finish, then what closes (the rate-limit store's connections) once nothing
 * is left to use it. A closing hook must never run while requests may still need it.
 */
import { describe, expect, it } from "vitest";
import { onShutdown, runShutdownHooks } from "@/lib/shutdown";

describe("shutdown phases", () => {
  it("runs each phase's hooks only in that phase, and names a hook that did not finish in time", async () => {
    const ran: string[] = [];
    onShutdown("test workers", async () => void ran.push("draining"));
    onShutdown("test store", async () => void ran.push("closing"), "closing");
    onShutdown("test stuck", () => new Promise<void>(() => {}), "closing");

    expect(await runShutdownHooks(1000)).toEqual({ unfinished: [] });
    expect(ran).toEqual(["draining"]);
    expect(await runShutdownHooks(50, "closing")).toEqual({ unfinished: ["test stuck"] });
    expect(ran).toEqual(["draining", "closing"]);
  });
});
