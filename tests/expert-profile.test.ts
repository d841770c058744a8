/**
 * Staff editing an author's experts directory profile: what the form may send (zod), and
 * the save against a real database (one transaction with its audit entry; refusals name the
 * field). Who may call the action is covered by the role matrix (tests/role-matrix).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { saveExpertProfile } from "@/lib/taxonomy/expert-profile";
import { expertProfileSchema } from "@/lib/validations/expert-profile";
import { isolatedTestDatabase } from "./support/database";

const testDatabase = isolatedTestDatabase();

const valid = {
  authorId: "1",
  photoId: "",
  isExpert: true,
  languages: "English,  Korean , English",
  availableForMedia: true,
  pressContact: " press@example.org ",
  expertise: [],
  directoryRank: "",
};

describe("the profile form's fields", () => {
  it("splits languages, drops repeats and blanks, and reads empty photo and rank as none", () => {
    expect(expertProfileSchema.parse(valid)).toEqual({
      authorId: 1,
      photoId: null,
      isExpert: true,
      languages: ["English", "Korean"],
      availableForMedia: true,
      pressContact: "press@example.org",
      expertise: [],
      directoryRank: null,
    });
    expect(expertProfileSchema.parse({ ...valid, languages: " , ", directoryRank: "3" })).toMatchObject({
      languages: [],
      directoryRank: 3,
    });
  });

  it("refuses markup or addresses as languages, control characters, bad ids and ranks, each on its field", () => {
    const problems = (input: Record<string, unknown>) =>
      expertProfileSchema.safeParse({ ...valid, ...input }).error?.issues.map((issue) => issue.path[0]);
    expect(problems({ languages: "<b>English</b>" })).toEqual(["languages"]);
    expect(problems({ languages: "https://example.org" })).toEqual(["languages"]);
    expect(problems({ languages: Array.from({ length: 13 }, (_, i) => `Lang${"a".repeat(i)}`).join(",") })).toEqual([
      "languages",
    ]);
    expect(problems({ pressContact: "call\u0000me" })).toEqual(["pressContact"]);
    expect(problems({ photoId: "abc" })).toEqual(["photoId"]);
    expect(problems({ expertise: ["0"] })).toEqual(["expertise"]);
    expect(problems({ directoryRank: "-1" })).toEqual(["directoryRank"]);
    expect(problems({ directoryRank: "1.5" })).toEqual(["directoryRank"]);
  });
});

describe("saving a profile", () => {
  let actor: { id: number; email: string; name: string; role: "EDITOR" };
  let authorId: number;
  let topics: number[];
  let imageId: number;
  let pdfId: number;

  beforeAll(async () => {
    const db = testDatabase.db;
    const user = await db.user.create({
      data: { email: "editor@example.org", name: "Ed", role: "EDITOR", passwordHash: "x" },
    });
    actor = { id: user.id, email: user.email, name: user.name, role: "EDITOR" };
    authorId = (await db.author.create({ data: { slug: "ada", name: "Ada Park" } })).id;
    topics = [
      (await db.category.create({ data: { slug: "trade", name: "Trade" } })).id,
      (await db.category.create({ data: { slug: "security", name: "Security" } })).id,
    ];
    const media = (kind: "IMAGE" | "PDF", key: string) =>
      db.media.create({
        data: {
          kind,
          filename: key,
          mimeType: kind === "IMAGE" ? "image/webp" : "application/pdf",
          sizeBytes: 1,
          storageKey: key,
        },
      });
    imageId = (await media("IMAGE", "portrait.webp")).id;
    pdfId = (await media("PDF", "paper.pdf")).id;
  });

  const input = (overrides: Record<string, unknown> = {}) =>
    expertProfileSchema.parse({ ...valid, authorId: String(authorId), ...overrides });

  it("stores the profile, the topics in order, and an audit entry; the public caches' taxonomy goes stale", async () => {
    const result = await saveExpertProfile(
      testDatabase.db,
      actor,
      input({ photoId: String(imageId), expertise: [String(topics[1]), String(topics[0])], directoryRank: "2" }),
    );
    expect(result).toMatchObject({ ok: true, change: { taxonomy: true } });
    const author = await testDatabase.db.author.findUniqueOrThrow({
      where: { id: authorId },
      select: {
        isExpert: true,
        languages: true,
        pressContact: true,
        photoId: true,
        directoryRank: true,
        expertise: { orderBy: { position: "asc" }, select: { categoryId: true } },
      },
    });
    expect(author).toEqual({
      isExpert: true,
      languages: ["English", "Korean"],
      pressContact: "press@example.org",
      photoId: imageId,
      directoryRank: 2,
      expertise: [{ categoryId: topics[1] }, { categoryId: topics[0] }],
    });
    const audit = await testDatabase.db.auditLog.findFirst({
      where: { action: "author.profile", entityId: String(authorId) },
    });
    expect(audit?.actorId).toBe(actor.id);
  });

  it("refuses a photo that is not an image, a topic that does not exist and an unknown author, changing nothing", async () => {
    const before = await testDatabase.db.author.findUniqueOrThrow({ where: { id: authorId } });
    expect(await saveExpertProfile(testDatabase.db, actor, input({ photoId: String(pdfId) }))).toMatchObject({
      ok: false,
      status: 422,
      fieldErrors: { photoId: expect.any(String) },
    });
    expect(await saveExpertProfile(testDatabase.db, actor, input({ expertise: ["999999"] }))).toMatchObject({
      ok: false,
      status: 422,
      fieldErrors: { expertise: expect.any(String) },
    });
    expect(await saveExpertProfile(testDatabase.db, actor, input({ authorId: "999999" }))).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await testDatabase.db.author.findUniqueOrThrow({ where: { id: authorId } })).toEqual(before);
  });
});
