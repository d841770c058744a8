/**
 * `npm run user:create -- --email someone@example.org --role EDITOR [--name "…"] [--password …]`
 * Without --password, a strong one is generated and printed once.
 */
import { parseArgs } from "node:util";
import { AccountExistsError, createStaffAccount } from "@/lib/auth/accounts";
import { generatePassword } from "@/lib/auth/password";
import { createDatabaseClient } from "@/lib/db-client";
import { newUserSchema } from "@/lib/validations/user";
import { runCommand, UsageError, useDatabase } from "./lib/cli";
import { migrateDatabase } from "./lib/migrate";

const USAGE =
  'Usage: npm run user:create -- --email someone@example.org --role ADMIN|EDITOR|AUTHOR [--name "Full Name"] [--password …]';

runCommand(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        password: { type: "string" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const generatedPassword = values.password ? null : generatePassword();
  const parsed = newUserSchema.safeParse({
    ...values,
    role: values.role?.toUpperCase(),
    password: values.password ?? generatedPassword,
  });
  if (!parsed.success)
    throw new UsageError(`${parsed.error.issues.map((issue) => issue.message).join("\n")}\n${USAGE}`);

  const database = await useDatabase();
  await migrateDatabase(database.url);
  const client = createDatabaseClient(database.url, { maxConnections: 1 });
  try {
    const account = await createStaffAccount(client, parsed.data);
    console.log(`Created ${account.role} account for ${account.email}.`);
    if (generatedPassword) console.log(`Password (shown only once): ${generatedPassword}`);
  } catch (error) {
    if (error instanceof AccountExistsError) throw new UsageError(error.message);
    throw error;
  } finally {
    await client.$disconnect();
  }
});
