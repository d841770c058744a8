/**
 * `npm run db:migrate`: applies pending migrations.
 * `npm run db:migration -- --name add_something [--create-only]`: has Prisma generate the
 * next migration from the changes in prisma/schema.prisma (and apply it, unless
 * --create-only), then regenerates the client.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { migrateDatabase, runPrisma } from "./lib/migrate";

const argsSchema = z.object({
  command: z.enum(["deploy", "create"]),
  name: z
    .string()
    .regex(/^[a-z0-9_]+$/, "--name must be lower-case letters, digits and underscores, e.g. --name add_media_alt")
    .optional(),
  createOnly: z.boolean(),
});

runCommand(async () => {
  const { values, positionals } = parseArgs({
    options: { name: { type: "string" }, "create-only": { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const parsed = argsSchema.safeParse({
    command: positionals[0],
    name: values.name,
    createOnly: values["create-only"],
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join("\n"));
  const args = parsed.data;

  const database = await useDatabase();
  await migrateDatabase(database.url);
  if (args.command === "deploy") return 0;

  if (!args.name) throw new UsageError("Name the migration: npm run db:migration -- --name add_something");
  const prismaArgs = ["migrate", "dev", "--name", args.name, ...(args.createOnly ? ["--create-only"] : [])];
  const { code } = await runPrisma(prismaArgs, database.url, { echo: true });
  return code;
});
