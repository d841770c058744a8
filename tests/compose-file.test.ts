/**
 * The compose file (docker-compose.yml) cannot be run here (no Docker engine), so what it
 * exposes is checked by reading it: only the site itself is published on every interface.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Each service's published ports, as written under `services.<name>.ports` (short syntax). */
function publishedPorts(compose: string): Map<string, string[]> {
  const services = new Map<string, string[]>();
  let section: string | null = null;
  let service: string | null = null;
  let inPorts = false;
  for (const raw of compose.split("\n")) {
    const line = raw.replace(/\s+#.*$/, "");
    if (!line.trim() || line.trim().startsWith("#")) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      section = line.replace(/:.*$/, "");
      service = null;
      inPorts = false;
    } else if (section === "services" && indent === 2) {
      service = line.trim().replace(/:$/, "");
      services.set(service, []);
      inPorts = false;
    } else if (service && indent === 4) {
      inPorts = line.trim() === "ports:";
    } else if (service && inPorts && line.trim().startsWith("- ")) {
      services.get(service)!.push(
        line
          .trim()
          .slice(2)
          .replace(/^["']|["']$/g, ""),
      );
    }
  }
  return services;
}

describe("docker-compose.yml", () => {
  const compose = fs.readFileSync(path.join(import.meta.dirname, "..", "docker-compose.yml"), "utf8");
  const ports = publishedPorts(compose);

  it("publishes Mailpit's web UI (every message, with its links, and no password) on the loopback interface only", () => {
    expect(ports.get("mail")).toEqual(["127.0.0.1:8025:8025"]);
  });

  it("publishes nothing but the site on every interface", () => {
    expect([...ports.keys()].sort()).toEqual(["app", "db", "mail"]);
    for (const [service, entries] of ports) {
      if (service === "app") continue;
      for (const entry of entries) expect(entry, `${service}: ${entry}`).toMatch(/^127\.0\.0\.1:/);
    }
  });
});
