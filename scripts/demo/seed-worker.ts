/**
 * A worker thread of the bulk seeder (`seedDemoArchive` with `bulk`): generates the
 * publications of the index ranges it is sent, so that generating (the seeder's main cost)
 * runs on several cores while the main thread writes.
 */
import { parentPort, workerData } from "node:worker_threads";
import { buildBatch, type Reference } from "./seed-database";

const reference = workerData as Reference;
parentPort!.on("message", ({ from, to }: { from: number; to: number }) => {
  parentPort!.postMessage({ from, batch: buildBatch(from, to, reference) });
});
