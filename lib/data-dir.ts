import path from "node:path";

/**
 * Local data: the embedded database, media files, the mail outbox. Read here rather than
 * from lib/env.ts because the scripts need it before there is a database URL to validate.
 * (turbopackIgnore: a run-time location, not a source folder for the bundler to trace.)
 */
export const DATA_DIR = path.resolve(/*turbopackIgnore: true*/ process.env.QUIRE_DATA_DIR || ".data");
