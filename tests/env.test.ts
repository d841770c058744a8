import { describe, expect, it } from "vitest";
import { EnvironmentError, parseEnvironment } from "@/lib/env";

describe("parseEnvironment", () => {
  it("accepts a minimal environment and fills in defaults", () => {
    const env = parseEnvironment({ DATABASE_URL: "postgresql://quire@localhost/quire" });
    expect(env.SITE_URL).toBe("http://localhost:3000");
    expect(env.NODE_ENV).toBe("development");
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    const env = parseEnvironment({ DATABASE_URL: "postgres://localhost/quire", SMTP_URL: "" });
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("reports every problem at once, by name", () => {
    const attempt = () =>
      parseEnvironment({ DATABASE_URL: "mysql://localhost/quire", SITE_URL: "not a url", NEXTAUTH_SECRET: "short" });
    expect(attempt).toThrow(EnvironmentError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("DATABASE_URL: must be a postgres:// or postgresql:// URL");
      expect(message).toContain("SITE_URL:");
      expect(message).toContain("NEXTAUTH_SECRET: must be at least 32 characters");
    }
  });

  it("requires DATABASE_URL", () => {
    expect(() => parseEnvironment({})).toThrow(/DATABASE_URL/);
  });
});

describe("S3 media storage settings", () => {
  const s3 = {
    S3_ENDPOINT: "https://s3.eu-west-1.amazonaws.com",
    S3_BUCKET: "quire-media",
    S3_REGION: "eu-west-1",
    S3_ACCESS_KEY_ID: "AKIDEXAMPLE",
    S3_SECRET_ACCESS_KEY: "secret",
  };

  it("accepts all five or none", () => {
    expect(parseEnvironment({ DATABASE_URL: "postgres://localhost/quire", ...s3 }).S3_BUCKET).toBe("quire-media");
    expect(parseEnvironment({ DATABASE_URL: "postgres://localhost/quire" }).S3_BUCKET).toBeUndefined();
  });

  it("names each missing one when only some are set", () => {
    const attempt = () =>
      parseEnvironment({
        DATABASE_URL: "postgres://localhost/quire",
        S3_ENDPOINT: s3.S3_ENDPOINT,
        S3_BUCKET: s3.S3_BUCKET,
      });
    expect(attempt).toThrow(/S3_REGION: required when any S3_ variable is set/);
    expect(attempt).toThrow(/S3_SECRET_ACCESS_KEY: required/);
  });

  it("wants an http(s) endpoint", () => {
    expect(() =>
      parseEnvironment({ DATABASE_URL: "postgres://localhost/quire", ...s3, S3_ENDPOINT: "ftp://files.example" }),
    ).toThrow(/S3_ENDPOINT/);
  });
});
