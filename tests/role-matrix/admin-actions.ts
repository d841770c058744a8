/**
 * Every staff-area server action and route handler, with the permission it needs and how
 * to call it; tests/role-matrix.test.ts calls each one as every role and as nobody and
 * checks that those without the permission are refused and change nothing.
 *
 * To add an action: one entry { name, permission, invoke } where `invoke` calls it the way
 * its form or client does, against the fixture's rows (extend MatrixFixture if needed).
 */
import type { Permission } from "@/lib/auth/permissions";
import type { DatabaseClient } from "@/lib/db-client";

export type MatrixFixture = {
  /** An AUTHOR account the user-management actions act on; it also wrote `othersDraft`. */
  userId: number;
  authorIds: [number, number];
  categoryIds: [number, number];
  seriesIds: [number, number];
  typeId: number;
  /** Publications, each with its current version and revision 1. */
  ownDraft: MatrixPublication;
  othersDraft: MatrixPublication;
  /** Created by and credited to the matrix AUTHOR, then published: no longer theirs to change. */
  ownPublished: MatrixPublication;
  /** The matrix AUTHOR's own draft, in the trash. */
  ownTrashedId: number;
  /** Drafts of the type Event: the matrix AUTHOR's own, and someone else's. */
  ownEventDraftId: number;
  othersEventDraftId: number;
  /** Images uploaded by the matrix AUTHOR and by someone else. */
  ownMediaId: number;
  othersMediaId: number;
  /** A hand-picked digest draft holding `ownPublished`, by the matrix AUTHOR. */
  digestId: number;
  /** A digest whose one delivery has an unknown outcome. */
  sentDigestId: number;
  /** A confirmed subscriber to the topic of `ownPublished`. */
  subscriberId: number;
  subscriberEmail: string;
  /** A published event with built-in registration, and one confirmed registration for it. */
  eventId: number;
  registrationId: number;
  /** A search synonym to remove. */
  synonymId: number;
};

export type MatrixPublication = { id: number; version: number; revisionId: number };

/** The staff account whose own rows ("own draft", "own media") the fixture creates. */
export type FixtureOwner = { authorUserId: number };

/** The site's own origin, which the matrix's requests come from unless testing a foreign one. */
export const SITE_ORIGIN = "https://think.example.org";

export type AdminActionEntry = {
  name: string;
  permission: Permission;
  /**
   * Runs the action in the current request scope; resolves to its result (or throws a
   * redirect). Route handlers are sent from `origin` (SITE_ORIGIN unless testing another).
   */
  invoke: (fixture: MatrixFixture, origin?: string) => Promise<unknown>;
  /** A state-changing route handler, which must refuse requests from another site. */
  checksOrigin?: true;
};

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, String(value));
  return data;
}

const users = () => import("@/lib/actions/users/manage-user");
const taxonomy = () => import("@/lib/actions/taxonomy/manage-term");

/** Accounts and access, authors/categories/series. */
export const ACCOUNT_AND_TAXONOMY_ACTIONS: AdminActionEntry[] = [
  {
    name: "invite a user",
    permission: "users.manage",
    invoke: async () =>
      (await users()).inviteUserAction(
        null,
        form({ email: `invitee-${Math.random().toString(36).slice(2)}@example.org`, name: "Invitee", role: "EDITOR" }),
      ),
  },
  {
    name: "change a user's role",
    permission: "users.manage",
    invoke: async (f) => (await users()).changeUserRoleAction(null, form({ userId: f.userId, role: "ADMIN" })),
  },
  {
    name: "disable a user",
    permission: "users.manage",
    invoke: async (f) => (await users()).setUserDisabledAction(null, form({ userId: f.userId, disabled: "true" })),
  },
  {
    name: "send a user a reset link",
    permission: "users.manage",
    invoke: async (f) => (await users()).sendResetLinkAction(null, form({ userId: f.userId })),
  },
  {
    name: "sign a user out everywhere",
    permission: "users.manage",
    invoke: async (f) => (await users()).signOutUserEverywhereAction(null, form({ userId: f.userId })),
  },
  {
    name: "reset a user's second factor",
    permission: "users.manage",
    invoke: async (f) => (await users()).resetSecondFactorAction(null, form({ userId: f.userId })),
  },
  {
    name: "sign oneself out everywhere",
    permission: "account.manage",
    invoke: async () => (await import("@/lib/actions/account/sign-out-everywhere")).signOutEverywhereAction(),
  },
  {
    name: "start setting up one's own second factor",
    permission: "account.manage",
    invoke: async () => (await import("@/lib/actions/account/two-factor")).startTwoFactorSetupAction(),
  },
  {
    name: "make a second factor optional",
    permission: "settings.manage",
    invoke: async () =>
      (await import("@/lib/actions/settings/update-two-factor-requirement")).updateTwoFactorRequirement(null, form({})),
  },
  {
    name: "edit an author's experts directory profile",
    permission: "taxonomy.manage",
    invoke: async (f) =>
      (await import("@/lib/actions/taxonomy/save-expert-profile")).saveExpertProfileAction(
        null,
        form({
          authorId: f.authorIds[0],
          photoId: f.ownMediaId,
          isExpert: "on",
          languages: "English, Korean",
          availableForMedia: "on",
          pressContact: "press@example.org",
          expertise: f.categoryIds[0],
          directoryRank: "1",
        }),
      ),
  },
  {
    name: "add a search synonym",
    permission: "search.insights",
    invoke: async () =>
      (await import("@/lib/actions/search/synonyms")).addSynonymAction(
        null,
        form({ term: `Matrix ${Math.random()}`, alternatives: "matrix term", direction: "two-way" }),
      ),
  },
  {
    name: "remove a search synonym",
    permission: "search.insights",
    invoke: async (f) =>
      (await import("@/lib/actions/search/synonyms")).removeSynonymAction(null, form({ id: f.synonymId })),
  },
  ...(["author", "category", "series"] as const).flatMap((kind): AdminActionEntry[] => {
    const ids = (f: MatrixFixture) =>
      kind === "author" ? f.authorIds : kind === "category" ? f.categoryIds : f.seriesIds;
    const fields = { kind, slug: "", description: "", imageUrl: "", title: "", affiliation: "" };
    return [
      {
        name: `create a ${kind}`,
        permission: "taxonomy.manage",
        invoke: async () =>
          (await taxonomy()).saveTermAction(null, form({ ...fields, name: `Matrix ${kind} ${Math.random()}` })),
      },
      {
        name: `edit a ${kind}`,
        permission: "taxonomy.manage",
        invoke: async (f) =>
          (await taxonomy()).saveTermAction(null, form({ ...fields, id: ids(f)[0], name: `Renamed ${Math.random()}` })),
      },
      {
        name: `merge a ${kind}`,
        permission: "taxonomy.manage",
        invoke: async (f) =>
          (await taxonomy()).mergeTermsAction(null, form({ kind, sourceId: ids(f)[0], targetId: ids(f)[1] })),
      },
      {
        name: `delete a ${kind}`,
        permission: "taxonomy.manage",
        invoke: async (f) =>
          (await taxonomy()).deleteTermAction(null, form({ kind, id: ids(f)[0], targetId: ids(f)[1] })),
      },
    ];
  }),
];

const save = () => import("@/lib/actions/publications/save-publication");
const transition = () => import("@/lib/actions/publications/transition-publication");
const bulk = () => import("@/lib/actions/publications/bulk-transition");
const editorSession = () => import("@/lib/actions/publications/editor-session");
const digests = {
  create: () => import("@/lib/actions/digests/create-digest"),
  update: () => import("@/lib/actions/digests/update-digest"),
  pick: () => import("@/lib/actions/digests/change-digest-pick"),
  sendTest: () => import("@/lib/actions/digests/send-test-digest"),
  send: () => import("@/lib/actions/digests/send-digest"),
  resend: () => import("@/lib/actions/digests/resend-unknown"),
};

const unique = () => Math.random().toString(36).slice(2, 10);
const body = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const publicationFields = (f: MatrixFixture) => ({
  title: `Matrix edit ${unique()}`,
  typeId: f.typeId,
  bodyJson: body("Edited in the role matrix."),
});
const saveRequest = (f: MatrixFixture, publication: MatrixPublication) => ({
  id: publication.id,
  expectedVersion: publication.version,
  fields: publicationFields(f),
});
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

/** The bulk form's answer: refusals carry the status they stand for. */
async function bulkOutcome(action: string, ids: number[]) {
  const data = form({ action });
  for (const id of ids) data.append("ids", String(id));
  return (await bulk()).bulkTransitionAction(null, data);
}

const saveEvent = () => import("@/lib/actions/events/save-event-details");
const eventRequest = (publicationId: number, authorId: number) => ({
  publicationId,
  fields: {
    timeZone: "Asia/Seoul",
    startsAt: "2031-05-01T10:00",
    endsAt: "2031-05-01T12:00",
    inPerson: true,
    venueName: "Matrix Hall",
    speakers: [{ authorId }, { name: "Outside Speaker", title: "Professor", affiliation: "A University" }],
  },
});

/** The publication editor: save, workflow, bulk actions, revisions, presence and preview. */
const PUBLICATION_ACTIONS: AdminActionEntry[] = [
  {
    name: "save one's own event's details",
    permission: "content.write",
    invoke: async (f) => (await saveEvent()).saveEventDetailsAction(eventRequest(f.ownEventDraftId, f.authorIds[0])),
  },
  {
    name: "save another author's event's details",
    permission: "content.publish",
    invoke: async (f) => (await saveEvent()).saveEventDetailsAction(eventRequest(f.othersEventDraftId, f.authorIds[0])),
  },
  {
    name: "create a draft",
    permission: "content.write",
    invoke: async (f) =>
      (await save()).savePublicationAction({ id: null, expectedVersion: 0, fields: publicationFields(f) }),
  },
  {
    name: "save one's own draft",
    permission: "content.write",
    invoke: async (f) => (await save()).savePublicationAction(saveRequest(f, f.ownDraft)),
  },
  {
    name: "save another author's draft",
    permission: "content.publish",
    invoke: async (f) => (await save()).savePublicationAction(saveRequest(f, f.othersDraft)),
  },
  {
    name: "save one's own published publication",
    permission: "content.publish",
    invoke: async (f) => (await save()).savePublicationAction(saveRequest(f, f.ownPublished)),
  },
  {
    name: "submit one's own draft",
    permission: "content.write",
    invoke: async (f) => (await transition()).transitionPublicationAction({ id: f.ownDraft.id, action: "submit" }),
  },
  {
    name: "submit another author's draft",
    permission: "content.publish",
    invoke: async (f) => (await transition()).transitionPublicationAction({ id: f.othersDraft.id, action: "submit" }),
  },
  {
    name: "schedule one's own draft",
    permission: "content.publish",
    invoke: async (f) =>
      (await transition()).transitionPublicationAction({
        id: f.ownDraft.id,
        action: "schedule",
        publishAt: inAnHour(),
      }),
  },
  {
    name: "publish one's own draft",
    permission: "content.publish",
    invoke: async (f) => (await transition()).transitionPublicationAction({ id: f.ownDraft.id, action: "publish" }),
  },
  {
    name: "unpublish",
    permission: "content.publish",
    invoke: async (f) =>
      (await transition()).transitionPublicationAction({ id: f.ownPublished.id, action: "unpublish" }),
  },
  {
    name: "archive",
    permission: "content.publish",
    invoke: async (f) => (await transition()).transitionPublicationAction({ id: f.ownPublished.id, action: "archive" }),
  },
  {
    name: "trash one's own draft",
    permission: "content.write",
    invoke: async (f) => (await transition()).transitionPublicationAction({ id: f.ownDraft.id, action: "trash" }),
  },
  {
    name: "trash another author's draft",
    permission: "content.publish",
    invoke: async (f) => (await transition()).transitionPublicationAction({ id: f.othersDraft.id, action: "trash" }),
  },
  {
    name: "trash one's own published publication",
    permission: "content.publish",
    invoke: async (f) => (await transition()).transitionPublicationAction({ id: f.ownPublished.id, action: "trash" }),
  },
  {
    name: "restore one's own draft from the trash",
    permission: "content.write",
    invoke: async (f) => (await transition()).transitionPublicationAction({ id: f.ownTrashedId, action: "restore" }),
  },
  {
    name: "bulk publish",
    permission: "content.publish",
    invoke: (f) => bulkOutcome("publish", [f.ownDraft.id, f.othersDraft.id]),
  },
  {
    name: "bulk unpublish",
    permission: "content.publish",
    invoke: (f) => bulkOutcome("unpublish", [f.ownPublished.id]),
  },
  { name: "bulk archive", permission: "content.publish", invoke: (f) => bulkOutcome("archive", [f.ownPublished.id]) },
  {
    name: "bulk trash another author's draft",
    permission: "content.publish",
    invoke: (f) => bulkOutcome("trash", [f.othersDraft.id]),
  },
  {
    name: "bulk trash one's own draft",
    permission: "content.write",
    invoke: (f) => bulkOutcome("trash", [f.ownDraft.id]),
  },
  {
    name: "bulk restore one's own draft",
    permission: "content.write",
    invoke: (f) => bulkOutcome("restore", [f.ownTrashedId]),
  },
  ...(["ownDraft", "othersDraft", "ownPublished"] as const).flatMap((which): AdminActionEntry[] => {
    const permission = which === "ownDraft" ? "content.write" : "content.publish";
    const label = {
      ownDraft: "one's own draft",
      othersDraft: "another author's draft",
      ownPublished: "one's own published publication",
    }[which];
    return [
      {
        name: `restore a revision of ${label}`,
        permission,
        invoke: async (f) =>
          (await import("@/lib/actions/publications/restore-revision")).restoreRevisionAction({
            publicationId: f[which].id,
            revisionId: f[which].revisionId,
            expectedVersion: f[which].version,
          }),
      },
      {
        name: `open the editor on ${label} (presence)`,
        permission,
        invoke: async (f) => (await editorSession()).editorHeartbeatAction(f[which].id),
      },
      {
        name: `list the revisions of ${label}`,
        permission,
        invoke: async (f) => (await editorSession()).listRevisionsAction(f[which].id),
      },
      {
        name: `get a preview link for ${label}`,
        permission,
        invoke: async (f) => (await editorSession()).previewLinkAction(f[which].id),
      },
      {
        name: `autosave ${label} on leaving the page (route)`,
        permission,
        checksOrigin: true,
        invoke: async (f, origin = SITE_ORIGIN) => {
          const { POST } = await import("@/app/api/admin/publications/[id]/autosave/route");
          const request = new Request(`${SITE_ORIGIN}/api/admin/publications/${f[which].id}/autosave`, {
            method: "POST",
            headers: { origin, "content-type": "application/json" },
            body: JSON.stringify({ expectedVersion: f[which].version, fields: publicationFields(f) }),
          });
          return POST(request, { params: Promise.resolve({ id: String(f[which].id) }) });
        },
      },
    ];
  }),
];

/** A multipart POST as a browser sends it, with Content-Length and Origin. */
async function multipartRequest(url: string, fields: Record<string, string | File>, origin: string): Promise<Request> {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  const encoded = new Request(url, { method: "POST", body: data });
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  return new Request(url, {
    method: "POST",
    body: bytes,
    headers: {
      origin,
      "content-type": encoded.headers.get("content-type")!,
      "content-length": String(bytes.byteLength),
    },
  });
}

/** A small PNG, different on each call (the library keeps one copy of identical files). */
async function uniquePng(): Promise<File> {
  const sharp = (await import("sharp")).default;
  const colour = `#${Math.floor(Math.random() * 0xffffff)
    .toString(16)
    .padStart(6, "0")}`;
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: colour } })
    .png()
    .toBuffer();
  return new File([new Uint8Array(png)], "matrix.png", { type: "image/png" });
}

/** The media library: its route handler and the edit/delete actions (authors: only what they uploaded). */
const MEDIA_ACTIONS: AdminActionEntry[] = [
  {
    name: "list the media library (route)",
    permission: "content.write",
    invoke: async () =>
      (await import("@/app/api/admin/media/route")).GET(new Request(`${SITE_ORIGIN}/api/admin/media?kind=IMAGE`)),
  },
  {
    name: "upload a file (route)",
    permission: "content.write",
    checksOrigin: true,
    invoke: async (_f, origin = SITE_ORIGIN) =>
      (await import("@/app/api/admin/media/route")).POST(
        await multipartRequest(
          `${SITE_ORIGIN}/api/admin/media`,
          { file: await uniquePng(), alt: "A square", caption: "", credit: "" },
          origin,
        ),
      ),
  },
  ...(["ownMediaId", "othersMediaId"] as const).flatMap((which): AdminActionEntry[] => {
    const permission = which === "ownMediaId" ? "content.write" : "content.publish";
    const label = which === "ownMediaId" ? "one's own upload" : "someone else's upload";
    return [
      {
        name: `edit the details of ${label}`,
        permission,
        invoke: async (f) =>
          (await import("@/lib/actions/media/update-media-details")).updateMediaDetails(
            f[which],
            form({ alt: "New alt text", caption: "", credit: "" }),
          ),
      },
      {
        name: `delete ${label}`,
        permission,
        invoke: async (f) => (await import("@/lib/actions/media/delete-media")).deleteMedia(f[which]),
      },
    ];
  }),
];

/** Subscribers, digests and site settings. */
const MAILING_ACTIONS: AdminActionEntry[] = [
  {
    name: "create a digest",
    permission: "subscribers.manage",
    invoke: async () =>
      (await digests.create()).createDigest(null, form({ subject: "Matrix digest", intro: "", mode: "picked" })),
  },
  {
    name: "edit a digest",
    permission: "subscribers.manage",
    invoke: async (f) =>
      (await digests.update()).updateDigest(
        null,
        form({ digestId: f.digestId, subject: "Renamed digest", intro: "", mode: "picked" }),
      ),
  },
  {
    name: "remove a digest's pick",
    permission: "subscribers.manage",
    invoke: async (f) =>
      (await digests.pick()).changePick(
        null,
        form({ digestId: f.digestId, publicationId: f.ownPublished.id, change: "remove" }),
      ),
  },
  {
    name: "send a test digest",
    permission: "subscribers.manage",
    invoke: async (f) =>
      (await digests.sendTest()).sendTest(null, form({ digestId: f.digestId, sample: f.subscriberEmail })),
  },
  {
    name: "send a digest",
    permission: "subscribers.manage",
    invoke: async (f) => (await digests.send()).sendDigest(null, form({ digestId: f.digestId, confirm: "yes" })),
  },
  {
    name: "send a digest again to unknown outcomes",
    permission: "subscribers.manage",
    invoke: async (f) => (await digests.resend()).resendUnknown(null, form({ digestId: f.sentDigestId })),
  },
  {
    name: "erase a subscriber",
    permission: "subscribers.manage",
    invoke: async (f) =>
      (await import("@/lib/actions/subscribers/erase-subscriber")).erase(
        null,
        form({ subscriberId: f.subscriberId, confirm: "yes" }),
      ),
  },
  {
    name: "export subscribers (route)",
    permission: "subscribers.manage",
    invoke: async () =>
      (await import("@/app/(admin)/admin/subscribers/export/route")).GET(
        new Request(`${SITE_ORIGIN}/admin/subscribers/export`),
      ),
  },
  {
    name: "import subscribers (route)",
    permission: "subscribers.manage",
    checksOrigin: true,
    invoke: async (_f, origin = SITE_ORIGIN) => {
      const csv = new File([`Email\nimported-${unique()}@example.org\n`], "list.csv", { type: "text/csv" });
      return (await import("@/app/(admin)/admin/subscribers/import/route")).POST(
        await multipartRequest(`${SITE_ORIGIN}/admin/subscribers/import`, { file: csv, consent: "yes" }, origin),
      );
    },
  },
  {
    name: "change the audit log's retention",
    permission: "settings.manage",
    invoke: async () =>
      (await import("@/lib/actions/settings/update-audit-retention")).updateAuditRetention(
        null,
        form({ retentionDays: "400" }),
      ),
  },
  {
    name: "change the backup schedule",
    permission: "settings.manage",
    invoke: async () =>
      (await import("@/lib/actions/settings/update-backup-schedule")).updateBackupSchedule(
        null,
        form({ enabled: "on", hour: "4", keep: "10" }),
      ),
  },
  {
    name: "download the full export (route)",
    permission: "site.export",
    invoke: async () => {
      const response = await (
        await import("@/app/(admin)/admin/export/download/route")
      ).GET(new Request(`${SITE_ORIGIN}/admin/export/download?format=quire`));
      await response.arrayBuffer(); // read to the end, so the export's snapshot is closed
      return response;
    },
  },
  {
    name: "download the WordPress file (route)",
    permission: "site.export",
    invoke: async () => {
      const response = await (
        await import("@/app/(admin)/admin/export/download/route")
      ).GET(new Request(`${SITE_ORIGIN}/admin/export/download?format=wxr`));
      await response.arrayBuffer();
      return response;
    },
  },
  {
    name: "change the mail settings",
    permission: "settings.manage",
    invoke: async () =>
      (await import("@/lib/actions/settings/update-mail-settings")).updateMailSettings(
        null,
        form({
          fromName: "Matrix Institute",
          fromAddress: "news@think.example.org",
          replyToName: "",
          replyToAddress: "",
          blockedDomains: "",
          sendRatePerSecond: "5",
        }),
      ),
  },
];

/** A staff page rendered as `invoke` would: its data read (and its view recorded) or refused. */
async function rendered(page: Promise<unknown>): Promise<{ ok: true }> {
  await page;
  return { ok: true };
}

/** An outbox message to open (the matrix's mail goes over SMTP, so the outbox starts empty). */
async function outboxMessage(): Promise<string> {
  const [{ default: fs }, { default: path }, { OUTBOX_DIR }] = await Promise.all([
    import("node:fs/promises"),
    import("node:path"),
    import("@/lib/mail/mailer"),
  ]);
  const name = `2030-01-01T00-00-00-000Z-${unique().slice(0, 8)}.eml`;
  await fs.mkdir(OUTBOX_DIR, { recursive: true });
  await fs.writeFile(
    path.join(OUTBOX_DIR, name),
    "Subject: Reset your password\r\nTo: someone@example.org\r\n\r\nhttps://think.example.org/login/reset?token=1.r.abc.x\r\n",
  );
  return name;
}

/** Event registrations: check-in, messages to registrants, the CSV export, the retention setting. */
const EVENT_REGISTRATION_ACTIONS: AdminActionEntry[] = [
  {
    name: "check a registrant in",
    permission: "events.manage",
    invoke: async (f) =>
      (await import("@/lib/actions/events/check-in")).checkIn(
        form({ eventId: f.eventId, registrationId: f.registrationId, checkedIn: "yes" }),
      ),
  },
  {
    name: "email an event's registrants",
    permission: "events.manage",
    invoke: async (f) =>
      (await import("@/lib/actions/events/message-registrants")).emailRegistrants(
        null,
        form({ eventId: f.eventId, subject: "Room change", text: "Room 2.", audience: "confirmed" }),
      ),
  },
  {
    name: "export an event's registrations (route)",
    permission: "events.manage",
    invoke: async (f) =>
      (await import("@/app/(admin)/admin/events/[id]/export/route")).GET(
        new Request(`${SITE_ORIGIN}/admin/events/${f.eventId}/export`),
        { params: Promise.resolve({ id: String(f.eventId) }) },
      ),
  },
  {
    name: "change the registrations' retention",
    permission: "settings.manage",
    invoke: async () =>
      (await import("@/lib/actions/settings/update-registration-retention")).updateRegistrationRetention(
        null,
        form({ retentionDays: "90" }),
      ),
  },
];

/** Staff pages that show what only some roles may read: each view is recorded in the audit log. */
export const READING_PAGES: AdminActionEntry[] = [
  {
    name: "open the outbox (page)",
    permission: "outbox.read",
    invoke: async () =>
      rendered((await import("@/app/(admin)/admin/outbox/page")).default({ searchParams: Promise.resolve({}) })),
  },
  {
    name: "open the audit log (page)",
    permission: "audit.read",
    invoke: async () =>
      rendered(
        (await import("@/app/(admin)/admin/audit/page")).default({
          searchParams: Promise.resolve({ action: "auth.", from: "2020-01-01" }),
        }),
      ),
  },
  {
    name: "open an outbox message (page)",
    permission: "outbox.read",
    invoke: async () => {
      const name = await outboxMessage();
      return rendered(
        (await import("@/app/(admin)/admin/outbox/[name]/page")).default({
          params: Promise.resolve({ name }),
          searchParams: Promise.resolve({}),
        }),
      );
    },
  },
];

export const CONTENT_AND_MAILING_ACTIONS: AdminActionEntry[] = [
  ...PUBLICATION_ACTIONS,
  ...MEDIA_ACTIONS,
  ...MAILING_ACTIONS,
  ...EVENT_REGISTRATION_ACTIONS,
  ...READING_PAGES,
];

export const ADMIN_ACTIONS: AdminActionEntry[] = [...ACCOUNT_AND_TAXONOMY_ACTIONS, ...CONTENT_AND_MAILING_ACTIONS];

/** Fresh rows for one entry's calls, so an allowed call never depends on another's leftovers. */
export async function createMatrixFixture(database: DatabaseClient, owner: FixtureOwner): Promise<MatrixFixture> {
  const tag = unique();
  const user = await database.user.create({
    data: { email: `matrix-${tag}@example.org`, name: "Matrix Target", role: "AUTHOR", passwordHash: "!unset" },
  });
  const pair = async (make: (index: number) => Promise<{ id: number }>) =>
    [(await make(0)).id, (await make(1)).id] as [number, number];
  const authorIds = await pair((index) =>
    database.author.create({ data: { name: `Matrix Author ${tag} ${index}`, slug: `matrix-author-${tag}-${index}` } }),
  );
  const categoryIds = await pair((index) =>
    database.category.create({ data: { name: `Matrix Topic ${tag} ${index}`, slug: `matrix-topic-${tag}-${index}` } }),
  );
  const seriesIds = await pair((index) =>
    database.series.create({ data: { name: `Matrix Series ${tag} ${index}`, slug: `matrix-series-${tag}-${index}` } }),
  );
  const typeId = (
    await database.publicationType.upsert({
      where: { slug: "commentary" },
      create: { slug: "commentary", name: "Commentary", pluralName: "Commentaries" },
      update: {},
      select: { id: true },
    })
  ).id;
  // A staff account has at most one author profile.
  const ownerCredit = await database.author.upsert({
    where: { userId: owner.authorUserId },
    create: {
      name: `Matrix Staff Author ${owner.authorUserId}`,
      slug: `matrix-staff-author-${owner.authorUserId}`,
      userId: owner.authorUserId,
    },
    update: {},
  });

  const eventTypeId = (
    await database.publicationType.upsert({
      where: { slug: "event" },
      create: { slug: "event", name: "Event", pluralName: "Events" },
      update: {},
      select: { id: true },
    })
  ).id;

  const publication = async (
    label: string,
    createdById: number,
    extra: { status?: "PUBLISHED"; deletedAt?: Date; credited?: boolean; typeId?: number } = {},
  ): Promise<MatrixPublication> => {
    const title = `Matrix ${label} ${tag}`;
    const row = await database.publication.create({
      data: {
        slug: `matrix-${label}-${tag}`,
        title,
        bodyJson: body("Written for the role matrix."),
        bodyHtml: "<p>Written for the role matrix.</p>",
        typeId: extra.typeId ?? typeId,
        createdById,
        status: extra.status ?? "DRAFT",
        publishedAt: extra.status === "PUBLISHED" ? new Date() : null,
        deletedAt: extra.deletedAt ?? null,
        ...(extra.credited && {
          authors: { create: [{ authorId: ownerCredit.id, position: 0 }] },
          categories: { create: [{ categoryId: categoryIds[0] }] },
        }),
        revisions: {
          create: [
            { version: 1, title, summary: "", bodyJson: body("Written for the role matrix."), authorId: createdById },
          ],
        },
      },
      select: { id: true, version: true, revisions: { select: { id: true } } },
    });
    return { id: row.id, version: row.version, revisionId: row.revisions[0]!.id };
  };
  const ownDraft = await publication("own-draft", owner.authorUserId);
  const othersDraft = await publication("others-draft", user.id);
  const ownPublished = await publication("own-published", owner.authorUserId, { status: "PUBLISHED", credited: true });
  const ownTrashedId = (await publication("own-trashed", owner.authorUserId, { deletedAt: new Date() })).id;
  const ownEventDraftId = (await publication("own-event", owner.authorUserId, { typeId: eventTypeId })).id;
  const othersEventDraftId = (await publication("others-event", user.id, { typeId: eventTypeId })).id;

  const media = (uploadedById: number, label: string) =>
    database.media.create({
      data: {
        kind: "IMAGE",
        filename: `${label}.png`,
        mimeType: "image/png",
        sizeBytes: 100,
        width: 8,
        height: 8,
        alt: "A square",
        storageKey: `matrix/${tag}-${label}.png`,
        uploadedById,
      },
      select: { id: true },
    });
  const ownMediaId = (await media(owner.authorUserId, "own")).id;
  const othersMediaId = (await media(user.id, "others")).id;

  const subscriber = await database.subscriber.create({
    data: {
      email: `reader-${tag}@example.org`,
      status: "CONFIRMED",
      confirmedAt: new Date(),
      consentAt: new Date(),
      consentVersion: "matrix",
      topics: { create: [{ categoryId: categoryIds[0] }] },
    },
  });
  const digest = await database.digest.create({
    data: { subject: `Matrix digest ${tag}`, publicationIds: [ownPublished.id], createdById: owner.authorUserId },
  });
  const { UNKNOWN_OUTCOME } = await import("@/lib/mailings/deliveries");
  const sentDigest = await database.digest.create({
    data: {
      subject: `Sent digest ${tag}`,
      publicationIds: [ownPublished.id],
      status: "SENT",
      sentAt: new Date(),
      deliveries: {
        create: [
          { subscriberId: subscriber.id, status: "FAILED", lastError: UNKNOWN_OUTCOME, messageId: `<${tag}@matrix>` },
        ],
      },
    },
  });

  const event = await publication("event", owner.authorUserId, { status: "PUBLISHED" });
  const registration = await database.eventRegistration.create({
    data: {
      event: {
        create: {
          publicationId: event.id,
          startsAt: new Date(Date.now() + 7 * 86_400_000),
          endsAt: new Date(Date.now() + 7 * 86_400_000 + 7_200_000),
          timeZone: "UTC",
          registrationMode: "BUILT_IN",
          capacity: 50,
        },
      },
      email: `registrant-${tag}@example.org`,
      name: "Matrix Registrant",
      status: "CONFIRMED",
    },
  });

  return {
    userId: user.id,
    authorIds,
    categoryIds,
    seriesIds,
    typeId,
    ownDraft,
    othersDraft,
    ownPublished,
    ownTrashedId,
    ownEventDraftId,
    othersEventDraftId,
    ownMediaId,
    othersMediaId,
    digestId: digest.id,
    sentDigestId: sentDigest.id,
    subscriberId: subscriber.id,
    subscriberEmail: subscriber.email,
    eventId: event.id,
    registrationId: registration.id,
    synonymId: (
      await database.searchSynonym.create({
        data: { term: `matrix ${Math.random()}`, alternatives: ["matrix synonym"], twoWay: true },
      })
    ).id,
  };
}
