/**
 * Loads the app's modules as the server would, against a test database and SMTP server:
 * stubs the environment, forgets modules loaded with an earlier one, and closes the
 * previous database singleton.
 */
import { vi } from "vitest";

export const TEST_SITE_URL = "https://think.example.org";

type Disconnectable = { $disconnect(): Promise<void> };
const globals = globalThis as { quireDatabase?: Disconnectable };

export async function useAppEnvironment(overrides: Record<string, string | undefined>): Promise<void> {
  await globals.quireDatabase?.$disconnect();
  delete globals.quireDatabase;
  const environment: Record<string, string | undefined> = {
    NEXTAUTH_SECRET: "a-test-secret-for-subscriber-links-0123456789",
    SITE_URL: TEST_SITE_URL,
    SITE_NAME: "Quire Test Institute",
    MAIL_FROM: "Quire Test Institute <news@think.example.org>",
    ...overrides,
  };
  for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value ?? "");
  vi.resetModules();
}

export async function closeApp(): Promise<void> {
  await globals.quireDatabase?.$disconnect();
  delete globals.quireDatabase;
  vi.unstubAllEnvs();
}
