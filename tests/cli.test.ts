import { describe, expect, it } from "vitest";
import { runScript, STACK_FRAME } from "./support/run-script";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();

describe("npm run user:create", () => {
  it("creates an account and prints a generated password once", async () => {
    const run = await runScript(
      "user-create.ts",
      ["--email", "Fellow@Example.org", "--role", "author", "--name", "A Fellow"],
      {
        DATABASE_URL: testDatabase.url,
      },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Created AUTHOR account for fellow@example.org.");
    expect(run.stdout).toMatch(/Password \(shown only once\): \S{24,}/);
    const user = await testDatabase.db.user.findUniqueOrThrow({ where: { email: "fellow@example.org" } });
    expect(user.role).toBe("AUTHOR");
    expect(user.name).toBe("A Fellow");
  });

  it.each([
    [["--email", "not-an-email", "--role", "EDITOR"], "Enter a valid email address"],
    [["--email", "x@example.org", "--role", "OWNER"], "Role must be one of ADMIN, EDITOR, AUTHOR"],
    [
      ["--email", "x@example.org", "--role", "EDITOR", "--password", "short"],
      "Password must be at least 12 characters",
    ],
    [["--email", "fellow@example.org", "--role", "EDITOR"], "An account for fellow@example.org already exists."],
    [["--unknown-flag"], "Usage: npm run user:create"],
  ])("rejects %j with a clear message and no stack trace", async (args, message) => {
    const run = await runScript("user-create.ts", args, { DATABASE_URL: testDatabase.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

describe("an unreachable DATABASE_URL", () => {
  it("names the server with the password masked and says what to do, without a stack trace", async () => {
    const run = await runScript("db-migrate.ts", ["deploy"], {
      DATABASE_URL: "postgresql://quire:s3cret-value@127.0.0.1:1/quire",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Cannot reach the database at postgresql://quire:***@127.0.0.1:1/quire");
    expect(run.stderr).toContain("unset DATABASE_URL to use the embedded database");
    expect(run.stderr).not.toContain("s3cret-value");
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});
