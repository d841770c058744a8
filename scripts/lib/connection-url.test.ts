import { describe, expect, it } from "vitest";
import { connectionFieldsFromUrl, maskPassword, withDatabase } from "./connection-url";

describe("connection URLs", () => {
  it("splits a URL into discrete fields, decoding them", () => {
    expect(connectionFieldsFromUrl("postgresql://quire:p%40ss@db.internal:5433/archive")).toMatchObject({
      host: "db.internal",
      port: 5433,
      user: "quire",
      password: "p@ss",
      database: "archive",
      ssl: undefined,
    });
  });

  it("turns on TLS when sslmode asks for it", () => {
    expect(connectionFieldsFromUrl("postgres://u:p@h/d?sslmode=require").ssl).toEqual({ rejectUnauthorized: false });
    expect(connectionFieldsFromUrl("postgres://u:p@h/d?sslmode=verify-full").ssl).toEqual({ rejectUnauthorized: true });
  });

  it("masks the password for messages", () => {
    expect(maskPassword("postgresql://quire:hunter2@localhost:5432/quire")).toBe(
      "postgresql://quire:***@localhost:5432/quire",
    );
    expect(maskPassword("postgresql://localhost/quire")).toBe("postgresql://localhost/quire");
    expect(maskPassword("::")).toBe("(unparseable URL)");
  });

  it("points a URL at another database on the same server", () => {
    expect(withDatabase("postgresql://u:p@h:1/a?sslmode=require", "b")).toBe("postgresql://u:p@h:1/b?sslmode=require");
  });
});
