/**
 * The compose file (docker-compose.yml) and the Dockerfile cannot be run here (no Docker
 * engine), so their production shape is checked by reading them: what is published, what
 * waits for what, health checks and restart policies, pinned images, secrets from the env
 * file, the same action key and deployment id on every app server, Mailpit only in the
 * dev profile, and a runtime image without dev dependencies.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

type Service = {
  image?: string;
  build?: { context: string; args?: Record<string, string>; secrets?: string[] };
  command?: string[];
  ports?: string[];
  profiles?: string[];
  restart?: string;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  env_file?: Array<{ path: string; required?: boolean }>;
  volumes?: string[];
};

const root = path.join(import.meta.dirname, "..");
const compose = parse(fs.readFileSync(path.join(root, "docker-compose.yml"), "utf8"), { merge: true }) as {
  services: Record<string, Service>;
  secrets: Record<string, { environment?: string }>;
};
const services = compose.services;
const APP_SERVERS = ["app1", "app2"];

describe("docker-compose.yml", () => {
  it("runs PostgreSQL, Redis, a migration job, two app servers and Varnish, with Mailpit only in the dev profile", () => {
    expect(Object.keys(services).sort()).toEqual(["app1", "app2", "db", "mail", "migrate", "redis", "varnish"]);
    expect(services.mail!.profiles).toEqual(["dev"]);
    for (const [name, service] of Object.entries(services))
      if (name !== "mail") expect(service.profiles, name).toBeUndefined();
  });

  it("publishes only Varnish on every interface, and Mailpit's web UI on the loopback interface only", () => {
    const published = Object.entries(services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name]) => name).sort()).toEqual(["mail", "varnish"]);
    expect(services.mail!.ports).toEqual(["127.0.0.1:8025:8025"]);
    expect(services.varnish!.ports).toEqual(["${FRONT_PORT:-8080}:80"]);
  });

  it("gives every service a restart policy and a health check (turned off only for the one-off job)", () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.restart, name).toMatch(/^(unless-stopped|always|on-failure(:\d+)?)$/);
      if (name === "migrate") expect(service.healthcheck).toEqual({ disable: true });
      else expect(service.healthcheck?.test?.length, name).toBeGreaterThan(1);
    }
  });

  it("pins every image to a version", () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue;
      // Major.minor(.patch): PostgreSQL numbers its releases 16.6, the others 7.4.1.
      expect(service.image, name).toMatch(/^[\w./-]+:v?\d+\.\d+(\.\d+)?(-[\w.]+)?$/);
    }
    const dockerfile = fs.readFileSync(path.join(root, "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:\d+\.\d+\.\d+-bookworm-slim$/m);
    for (const from of dockerfile.match(/^FROM \S+/gm)!) expect(from).toMatch(/^FROM (\$\{NODE_IMAGE\}|deps)$/);
  });

  it("runs the migration job to completion before any app server starts, after the database is healthy", () => {
    expect(services.migrate!.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect(services.migrate!.command!.join(" ")).toContain("scripts/seed.ts");
    for (const name of APP_SERVERS) {
      expect(services[name]!.depends_on, name).toEqual({
        migrate: { condition: "service_completed_successfully" },
        db: { condition: "service_healthy" },
        redis: { condition: "service_healthy" },
      });
    }
    expect(services.varnish!.depends_on).toEqual({
      app1: { condition: "service_healthy" },
      app2: { condition: "service_healthy" },
    });
    expect(services.varnish!.volumes).toContain("./deploy/varnish/default.vcl:/etc/varnish/default.vcl:ro");
    // Everything default.vcl includes is there: the backends, and the purge token written at start.
    expect(services.varnish!.volumes).toContain("./deploy/varnish/backends.vcl:/etc/varnish/backends.vcl:ro");
    expect(String(services.varnish!.command)).toContain("/tmp/purge-token.vcl");
    expect(String(services.varnish!.command)).toContain("vcl_path=/etc/varnish:/tmp");
  });

  it("gives every app server the same image, env file, action key, deployment id, secrets and shared data", () => {
    const [first, ...others] = APP_SERVERS.map((name) => services[name]!);
    for (const other of [...others, services.migrate!]) {
      expect(other.image).toBe(first!.image);
      expect(other.build).toEqual(first!.build);
      expect(other.env_file).toEqual(first!.env_file);
      expect(other.environment).toEqual(first!.environment);
      expect(other.volumes).toEqual(first!.volumes);
    }
    expect(first!.env_file).toEqual([{ path: ".env", required: true }]);
    const environment = first!.environment!;
    expect(environment.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toMatch(/^\$\{NEXT_SERVER_ACTIONS_ENCRYPTION_KEY:\?/);
    expect(environment.NEXT_DEPLOYMENT_ID).toMatch(/^\$\{NEXT_DEPLOYMENT_ID:\?/);
    expect(environment.NEXTAUTH_SECRET).toMatch(/^\$\{NEXTAUTH_SECRET:\?/);
    expect(environment.REDIS_URL).toMatch(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]*\}@redis:6379$/);
    // Limits shared by both replicas, and every dropped tag purged at Varnish with the shared token.
    expect(environment.RATE_LIMIT_STORE).toBe("redis");
    expect(environment.FRONT_CACHE_PURGE_URL).toBe("http://varnish:80");
    expect(environment.FRONT_CACHE_PURGE_TOKEN).toMatch(/^\$\{FRONT_CACHE_PURGE_TOKEN:\?/);
    expect(environment.DIRECT_DATABASE_URL).toMatch(/@db:5432\/quire$/);
    // The build bakes in the same key (a build secret, not an argument) and deployment id.
    expect(first!.build!.secrets).toEqual(["actions_key"]);
    expect(compose.secrets.actions_key).toEqual({ environment: "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY" });
    expect(first!.build!.args!.NEXT_DEPLOYMENT_ID).toMatch(/^\$\{NEXT_DEPLOYMENT_ID:\?/);
  });

  it("writes no secret into the file: every password and key comes from the env file", () => {
    const text = fs.readFileSync(path.join(root, "docker-compose.yml"), "utf8");
    for (const name of [
      "POSTGRES_PASSWORD",
      "REDIS_PASSWORD",
      "NEXTAUTH_SECRET",
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
    ]) {
      const uses = text.match(new RegExp(`\\$\\{${name}[^}]*\\}`, "g")) ?? [];
      expect(uses.length, name).toBeGreaterThan(0);
      for (const use of uses) expect(use, name).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
  });

  it("ships .env.example naming every variable the compose file requires", () => {
    const example = fs.readFileSync(path.join(root, ".env.example"), "utf8");
    const text = fs.readFileSync(path.join(root, "docker-compose.yml"), "utf8");
    const required = new Set([...text.matchAll(/\$\{(\w+):\?/g)].map((match) => match[1]!));
    for (const name of required) expect(example, name).toMatch(new RegExp(`^${name}=`, "m"));
  });
});

describe("Dockerfile", () => {
  const dockerfile = fs.readFileSync(path.join(root, "Dockerfile"), "utf8");
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const stage = (name: string) => stages.find((text) => text.split("\n", 1)[0]!.endsWith(` AS ${name}`))!;

  it("builds in one stage and runs from another holding production dependencies only", () => {
    expect(stage("prod-deps")).toMatch(/npm ci --omit=dev/);
    const runtime = stage("runtime");
    expect(runtime).toContain("COPY --from=prod-deps --chown=quire:quire /app/node_modules ./node_modules");
    expect(runtime).not.toMatch(/COPY --from=(build|deps)\S* \S*\/app\/node_modules/);
    expect(runtime).toMatch(/^USER quire$/m);
  });

  it("needs nothing from devDependencies at run time: the server runs as the bundle the build wrote, scripts with tsx", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    for (const name of ["tsx", "esbuild", "next", "prisma", "pino", "aws4fetch", "pg"])
      expect(manifest.dependencies, name).toHaveProperty(name);
    expect(stage("runtime")).toMatch(/CMD \["sh", "-c", "exec node \.next\/quire-server\.mjs/);
  });

  it("takes the action key as a build secret, never as an argument or a layer", () => {
    expect(dockerfile).toMatch(/RUN --mount=type=secret,id=actions_key,required=true/);
    expect(dockerfile).not.toMatch(/ARG NEXT_SERVER_ACTIONS_ENCRYPTION_KEY/);
    expect(dockerfile).not.toMatch(/ENV[^\n]*NEXT_SERVER_ACTIONS_ENCRYPTION_KEY/);
  });
});
