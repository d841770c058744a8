/**
 * Rotating NEXTAUTH_SECRET: links already sent (unsubscribe, preferences, confirmation,
 * publication previews) keep working while the old secret is set as
 * NEXTAUTH_SECRET_PREVIOUS; everything new is signed with the new secret only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnvironment } from "@/lib/env";
import { isolatedTestDatabase } from "./support/database";
import { closeApp, useAppEnvironment } from "./support/mail-app";

const OLD_SECRET = "the-secret-before-the-rotation-0123456789";
const NEW_SECRET = "the-secret-after-the-rotation-9876543210";

const testDatabase = isolatedTestDatabase();

async function loadApp(secrets: { current: string; previous?: string }) {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- the tests' environment helper, not a React hook
  await useAppEnvironment({
    DATABASE_URL: testDatabase.url,
    NEXTAUTH_SECRET: secrets.current,
    NEXTAUTH_SECRET_PREVIOUS: secrets.previous,
  });
  return {
    links: await import("@/lib/subscribers/links"),
    manage: await import("@/lib/subscribers/manage"),
    confirm: await import("@/lib/subscribers/confirm"),
    preview: await import("@/lib/publications/preview"),
  };
}

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

let subscriber: { id: number; email: string; createdAt: Date; consentAt: Date | null };

beforeAll(async () => {
  subscriber = await testDatabase.db.subscriber.create({
    data: { email: "rotation@example.org", status: "CONFIRMED", consentAt: new Date(), confirmedAt: new Date() },
  });
});

afterAll(closeApp);

describe("a rotated NEXTAUTH_SECRET", () => {
  it("keeps links sent before the rotation working while the old secret is NEXTAUTH_SECRET_PREVIOUS", async () => {
    const before = await loadApp({ current: OLD_SECRET });
    const sent = before.links.managementLinks(subscriber);
    const oldPreview = before.preview.createPreviewToken(42);
    const pending = await testDatabase.db.subscriber.create({
      data: { email: "rotation-pending@example.org", status: "PENDING", consentAt: new Date() },
    });
    const oldConfirmation = before.links.confirmToken({ id: pending.id, consentAt: pending.consentAt! });

    // Rotated without saying what the old secret was: every link already sent stops working.
    const forgetful = await loadApp({ current: NEW_SECRET });
    expect(await forgetful.manage.inspectUnsubscribe(tokenOf(sent.unsubscribe))).toMatchObject({ ok: false });
    expect(forgetful.preview.verifyPreviewToken(oldPreview)).toBeNull();

    const after = await loadApp({ current: NEW_SECRET, previous: OLD_SECRET });
    expect(await after.manage.inspectUnsubscribe(tokenOf(sent.unsubscribe))).toEqual({
      ok: true,
      email: "rotation@example.org",
      unsubscribed: false,
    });
    expect(await after.manage.loadPreferences(tokenOf(sent.preferences))).toMatchObject({
      ok: true,
      email: "rotation@example.org",
    });
    expect(await after.confirm.inspectConfirmation(oldConfirmation)).toMatchObject({ state: "ready" });
    expect(after.preview.verifyPreviewToken(oldPreview)).toBe(42);
    expect(await after.manage.unsubscribe(tokenOf(sent.oneClickUnsubscribe), "one-click")).toMatchObject({
      ok: true,
    });
    expect((await testDatabase.db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).status).toBe(
      "UNSUBSCRIBED",
    );

    // What is signed now uses the new secret only: the old one alone does not verify it.
    const fresh = after.links.managementLinks(subscriber);
    const freshPreview = after.preview.createPreviewToken(43);
    const oldOnly = await loadApp({ current: OLD_SECRET });
    expect(oldOnly.links.checkToken(tokenOf(fresh.preferences), "manage")).toEqual({
      valid: false,
      reason: "bad-signature",
    });
    expect(oldOnly.preview.verifyPreviewToken(freshPreview)).toBeNull();

    // A secret nobody configured is still refused, with or without a previous one.
    const foreign = await loadApp({ current: "yet-another-installation-secret-000000", previous: NEW_SECRET });
    expect(foreign.preview.verifyPreviewToken(oldPreview)).toBeNull();
    expect(foreign.links.checkToken(tokenOf(sent.preferences), "manage")).toMatchObject({ valid: false });
  });

  it("is validated: long enough, different from the current secret, and only beside one", () => {
    const base = { DATABASE_URL: "postgresql://localhost/quire" };
    expect(
      parseEnvironment({ ...base, NEXTAUTH_SECRET: NEW_SECRET, NEXTAUTH_SECRET_PREVIOUS: OLD_SECRET })
        .NEXTAUTH_SECRET_PREVIOUS,
    ).toBe(OLD_SECRET);
    expect(() => parseEnvironment({ ...base, NEXTAUTH_SECRET: NEW_SECRET, NEXTAUTH_SECRET_PREVIOUS: "short" })).toThrow(
      /NEXTAUTH_SECRET_PREVIOUS: must be at least 32 characters/,
    );
    expect(() =>
      parseEnvironment({ ...base, NEXTAUTH_SECRET: NEW_SECRET, NEXTAUTH_SECRET_PREVIOUS: NEW_SECRET }),
    ).toThrow(/NEXTAUTH_SECRET_PREVIOUS: is the same as NEXTAUTH_SECRET/);
    expect(() => parseEnvironment({ ...base, NEXTAUTH_SECRET_PREVIOUS: OLD_SECRET })).toThrow(
      /NEXTAUTH_SECRET_PREVIOUS: set NEXTAUTH_SECRET/,
    );
  });
});
