import { describe, expect, it } from "vitest";
import { AccountExistsError, createStaffAccount, ensureFirstAdmin } from "@/lib/auth/accounts";
import { verifyPassword } from "@/lib/auth/password";
import { createTestDatabase, isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();

describe("staff accounts", () => {
  it("creates the first admin from the configured email and password, once", async () => {
    const first = await ensureFirstAdmin(testDatabase.db, {
      email: "Director@Example.org",
      password: "a-very-long-password",
    });
    expect(first).toEqual({ created: true, email: "director@example.org", generatedPassword: null });

    const again = await ensureFirstAdmin(testDatabase.db, {
      email: "someone-else@example.org",
      password: "another-long-password",
    });
    expect(again).toEqual({ created: false });
    expect(await testDatabase.db.user.count()).toBe(1);

    const admin = await testDatabase.db.user.findUniqueOrThrow({
      where: { email: "director@example.org" },
      select: { role: true, passwordHash: true },
    });
    expect(admin.role).toBe("ADMIN");
    expect(admin.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(admin.passwordHash, "a-very-long-password")).toBe(true);
  });

  it("leaves the password hash out of queries that do not ask for it", async () => {
    const user = await testDatabase.db.user.findFirstOrThrow();
    expect(user).not.toHaveProperty("passwordHash");
    expect(user.email).toBe("director@example.org");
  });

  it("records an audit log entry for each account created", async () => {
    const created = await createStaffAccount(testDatabase.db, {
      email: "editor@example.org",
      role: "EDITOR",
      password: "editor-password-123",
    });
    const entry = await testDatabase.db.auditLog.findFirstOrThrow({
      where: { action: "user.create", entityId: String(created.id) },
    });
    expect(entry.details).toEqual({ role: "EDITOR", via: "cli" });
  });

  it("refuses a second account for the same email, whatever its case", async () => {
    await expect(
      createStaffAccount(testDatabase.db, {
        email: "EDITOR@example.org",
        role: "AUTHOR",
        password: "another-password-123",
      }),
    ).rejects.toThrow(AccountExistsError);
  });

  it("generates a strong password when none is configured", async () => {
    const empty = await createTestDatabase();
    const result = await ensureFirstAdmin(empty.db, {});
    expect(result.created).toBe(true);
    if (result.created) {
      expect(result.email).toBe("admin@example.org");
      expect(result.generatedPassword?.length).toBeGreaterThanOrEqual(24);
    }
    await empty.drop();
  });
});
