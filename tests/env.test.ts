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

  it("takes a backup bucket with the media's S3_ settings or its own, and only a bucket's name", () => {
    const base = { DATABASE_URL: "postgres://localhost/quire" };
    expect(parseEnvironment({ ...base, ...s3, BACKUP_S3_BUCKET: "quire-backups" }).BACKUP_S3_BUCKET).toBe(
      "quire-backups",
    );
    const own = {
      BACKUP_S3_BUCKET: "quire-backups",
      BACKUP_S3_ENDPOINT: "https://backups.example.net",
      BACKUP_S3_REGION: "auto",
      BACKUP_S3_ACCESS_KEY_ID: "BACKUPKEY",
      BACKUP_S3_SECRET_ACCESS_KEY: "backup-secret",
    };
    // Media on disk, backups in a bucket of their own.
    expect(parseEnvironment({ ...base, ...own })).toMatchObject(own);
    expect(() => parseEnvironment({ ...base, BACKUP_S3_BUCKET: "quire-backups" })).toThrow(
      /BACKUP_S3_BUCKET: needs BACKUP_S3_ENDPOINT \(or the media's S3_ENDPOINT\)/,
    );
    expect(() => parseEnvironment({ ...base, ...own, BACKUP_S3_SECRET_ACCESS_KEY: undefined })).toThrow(
      /BACKUP_S3_SECRET_ACCESS_KEY: set BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY together/,
    );
    expect(() => parseEnvironment({ ...base, ...own, BACKUP_S3_BUCKET: undefined })).toThrow(
      /BACKUP_S3_ENDPOINT: set BACKUP_S3_BUCKET too/,
    );
    expect(() => parseEnvironment({ ...base, ...own, BACKUP_S3_ENDPOINT: "ftp://files.example" })).toThrow(
      /BACKUP_S3_ENDPOINT/,
    );
    expect(() => parseEnvironment({ ...base, ...s3, BACKUP_S3_BUCKET: "../Backups" })).toThrow(
      /BACKUP_S3_BUCKET: must be an S3 bucket name/,
    );
  });
});

describe("media delivery, health and log settings", () => {
  const base = { DATABASE_URL: "postgres://localhost/quire" };
  const s3 = {
    S3_ENDPOINT: "https://s3.eu-west-1.amazonaws.com",
    S3_BUCKET: "quire-media",
    S3_REGION: "eu-west-1",
    S3_ACCESS_KEY_ID: "AKIDEXAMPLE",
    S3_SECRET_ACCESS_KEY: "secret",
  };

  it("takes a public media address without its trailing slash, and no query", () => {
    expect(parseEnvironment({ ...base, MEDIA_PUBLIC_URL: "https://media.example.org/files/" }).MEDIA_PUBLIC_URL).toBe(
      "https://media.example.org/files",
    );
    expect(() => parseEnvironment({ ...base, MEDIA_PUBLIC_URL: "https://media.example.org/?a=1" })).toThrow(
      /MEDIA_PUBLIC_URL: must not have a query/,
    );
    expect(() => parseEnvironment({ ...base, MEDIA_PUBLIC_URL: "javascript:alert(1)" })).toThrow(/MEDIA_PUBLIC_URL/);
  });

  it("wants S3 for presigned URLs, a lifetime in range, and not both ways at once", () => {
    expect(parseEnvironment({ ...base, ...s3, MEDIA_SIGNED_URL_SECONDS: "300" }).MEDIA_SIGNED_URL_SECONDS).toBe(300);
    expect(() => parseEnvironment({ ...base, MEDIA_SIGNED_URL_SECONDS: "300" })).toThrow(
      /MEDIA_SIGNED_URL_SECONDS: needs media in S3/,
    );
    expect(() => parseEnvironment({ ...base, ...s3, MEDIA_SIGNED_URL_SECONDS: "5" })).toThrow(
      /MEDIA_SIGNED_URL_SECONDS/,
    );
    expect(() =>
      parseEnvironment({
        ...base,
        ...s3,
        MEDIA_SIGNED_URL_SECONDS: "300",
        MEDIA_PUBLIC_URL: "https://media.example.org",
      }),
    ).toThrow(/not both/);
  });

  it("checks the health token's length, the log level, the Redis and direct database addresses", () => {
    expect(() => parseEnvironment({ ...base, HEALTH_TOKEN: "short" })).toThrow(/HEALTH_TOKEN: must be at least 24/);
    expect(() => parseEnvironment({ ...base, LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
    expect(() => parseEnvironment({ ...base, REDIS_URL: "http://cache:6379" })).toThrow(/REDIS_URL: must be a redis/);
    expect(() => parseEnvironment({ ...base, DIRECT_DATABASE_URL: "mysql://db/quire" })).toThrow(/DIRECT_DATABASE_URL/);
    const parsed = parseEnvironment({
      ...base,
      REDIS_URL: "rediss://:pw@cache:6380",
      DIRECT_DATABASE_URL: "postgresql://db:5432/quire",
      LOG_LEVEL: "warn",
    });
    expect([parsed.REDIS_URL, parsed.DIRECT_DATABASE_URL, parsed.LOG_LEVEL]).toEqual([
      "rediss://:pw@cache:6380",
      "postgresql://db:5432/quire",
      "warn",
    ]);
  });
});

describe("cluster settings", () => {
  const base = { DATABASE_URL: "postgres://localhost/quire" };

  it("takes a Redis URL and the redis store for rate limits, and refuses that store without Redis", () => {
    const env = parseEnvironment({ ...base, REDIS_URL: "redis://127.0.0.1:6379/0", RATE_LIMIT_STORE: "redis" });
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379/0");
    expect(env.RATE_LIMIT_STORE).toBe("redis");
    expect(() => parseEnvironment({ ...base, RATE_LIMIT_STORE: "redis" })).toThrow(
      /REDIS_URL: required when RATE_LIMIT_STORE=redis/,
    );
    expect(() => parseEnvironment({ ...base, REDIS_URL: "http://127.0.0.1:6379" })).toThrow(
      /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/,
    );
  });

  it("takes the front cache's purge address and token together, never one alone", () => {
    const token = "a-purge-token-of-enough-length";
    const env = parseEnvironment({
      ...base,
      FRONT_CACHE_PURGE_URL: "http://127.0.0.1:8080",
      FRONT_CACHE_PURGE_TOKEN: token,
    });
    expect(env.FRONT_CACHE_PURGE_TOKEN).toBe(token);
    expect(() => parseEnvironment({ ...base, FRONT_CACHE_PURGE_URL: "http://127.0.0.1:8080" })).toThrow(
      /FRONT_CACHE_PURGE_TOKEN: set FRONT_CACHE_PURGE_URL and FRONT_CACHE_PURGE_TOKEN together/,
    );
    expect(() => parseEnvironment({ ...base, FRONT_CACHE_PURGE_TOKEN: token })).toThrow(/FRONT_CACHE_PURGE_URL/);
    expect(() =>
      parseEnvironment({ ...base, FRONT_CACHE_PURGE_URL: "ftp://front", FRONT_CACHE_PURGE_TOKEN: "short" }),
    ).toThrow(/FRONT_CACHE_PURGE_TOKEN: must be 24 or more/);
  });
});
