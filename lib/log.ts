/** The server's log (`log`), for TypeScript: set up once in lib/log.mjs, which says more. */
import { log } from "./log.mjs";

export { log };
export type Logger = typeof log;
