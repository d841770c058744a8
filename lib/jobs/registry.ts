/** Every background job the site runs, gathered from the capabilities that declare them. */
import type { AnyJobDefinition } from "./definition";

export const JOBS: readonly AnyJobDefinition[] = [];
