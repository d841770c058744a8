/**
 * What the start and seed commands do to a database before the site can use it: apply
 * migrations, write the demo archive, create the first admin.
 */
import { z } from "zod";
import { ensureFirstAdmin } from "@/lib/auth/accounts";
import { createDatabaseClient } from "@/lib/db-client";
import { seedDemoArchive } from "@/scripts/demo/seed-database";
import { emailSchema, passwordSchema } from "@/lib/validations/user";
import { UsageError } from "./cli";

const adminEnvironmentSchema = z.object({
  ADMIN_EMAIL: emailSchema.optional(),
  ADMIN_PASSWORD: passwordSchema.optional(),
});

type SeedOptions = {
  /** Publications in the demo archive (6,262 by default). */
  count?: number;
  /** Leave a database that already has publications alone. */
  onlyIfEmpty?: boolean;
  /** false: only the first admin, no demo archive. */
  demoContent?: boolean;
};

export async function seedDatabase(databaseUrl: string, options: SeedOptions = {}): Promise<void> {
  const database = createDatabaseClient(databaseUrl, { maxConnections: 2 });
  try {
    const hasContent = (await database.publication.count()) > 0;
    if (options.demoContent !== false && !(options.onlyIfEmpty && hasContent)) {
      console.log(hasContent ? "Checking the demo archive…" : "Writing the demo archive…");
      const report = await seedDemoArchive(databaseUrl, {
        count: options.count,
        log: console.log,
        storage: await configuredMediaStorage(databaseUrl),
      });
      console.log(
        report.created > 0
          ? `Seeded ${report.created.toLocaleString("en-US")} publications in ${report.seconds.toFixed(1)} s.`
          : "The demo archive is already complete.",
      );
    }
    await bootstrapAdmin(database);
  } finally {
    await database.$disconnect();
  }
}

/**
 * The media storage the server will read (S3 when its variables are set, else local disk),
 * from the environment validated as the server validates it (lib/env.ts reads process.env
 * when first imported, so DATABASE_URL is set first, as the embedded database may be in use).
 */
async function configuredMediaStorage(databaseUrl: string) {
  if (!process.env.DATABASE_URL) process.env.DATABASE_URL = databaseUrl;
  const { env } = await import("@/lib/env");
  const { storageForEnvironment } = await import("@/lib/media/storage-for-environment");
  return storageForEnvironment(env);
}

async function bootstrapAdmin(database: ReturnType<typeof createDatabaseClient>) {
  const parsed = adminEnvironmentSchema.safeParse({
    ADMIN_EMAIL: process.env.ADMIN_EMAIL || undefined,
    ADMIN_PASSWORD: process.env.ADMIN_PASSWORD || undefined,
  });
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
  }
  const result = await ensureFirstAdmin(database, {
    email: parsed.data.ADMIN_EMAIL,
    password: parsed.data.ADMIN_PASSWORD,
  });
  if (!result.created) return;
  if (result.generatedPassword) {
    console.log(
      [
        "",
        "  First admin account created (this password is shown only once):",
        `    Email:    ${result.email}`,
        `    Password: ${result.generatedPassword}`,
        "  Sign in at /login and change it. Set ADMIN_EMAIL and ADMIN_PASSWORD to choose them instead.",
        "",
      ].join("\n"),
    );
  } else {
    console.log(`First admin account created for ${result.email}.`);
  }
}
