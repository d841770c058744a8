/**
 * The WordPress import: a WXR stream (wxr-reader.ts) → authors, topics, publications,
 * pages, media and the redirects that keep old links working.
 *
 * - Idempotent and resumable: every WordPress object is recorded in WordPressItem (keyed on
 *   its kind and WordPress id, with the post's GUID), with a hash of what was imported. The
 *   same export again changes nothing; a newer one updates what changed, except items staff
 *   edited in Quire since (their version moved on), which are reported as conflicts. An
 *   import killed halfway is resumed by running it again.
 * - Fast: items are written in batches, one transaction per batch, with a savepoint per
 *   item so that one bad item fails alone; a new post is one statement.
 * - Safe: bodies go through the editor's schema, renderer and sanitizer; nothing that was
 *   not public in WordPress becomes public.
 * - A dry run does everything in one transaction and rolls it back.
 */
import "server-only";
import { createHash } from "node:crypto";
import { renderBody } from "@/lib/content/body";
import { allowedImageSrc } from "@/lib/content/render-html";
import { parseBodyDocument, type BodyDocument } from "@/lib/content/schema";
import type { DatabaseClient } from "@/lib/db-client";
import { slugify } from "@/lib/format/slug";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildMissingSearchDocuments, buildSearchDocuments, deferSearchDocuments } from "@/lib/search/maintenance";
import { publicationPath } from "@/lib/format/paths";
import { pagePathSchema, isReservedFirstSegment } from "@/lib/validations/page-path";
import { bodyImageSources, convertWordPressBody, type ConvertedBody, type ImageTarget } from "./content";
import {
  addressOnExportedSite,
  DEFAULT_TYPE_MAPPING,
  IMPORT_PUBLICATION_TYPES,
  legacyKey,
  legacyKeyOfUrl,
  originalUploadPath,
  publicationTypeFor,
  slugFor,
  summaryFromExcerpt,
  uploadsPath,
  wordPressGmtDate,
  workflowStateFor,
} from "./mapping";
import type { MediaImporter } from "./media";
import { readWxr, type ReadWxrOptions, type WxrSource } from "./wxr-reader";
import type { WxrAuthor, WxrItem, WxrSite, WxrTerm } from "./wxr-types";

type Transaction = Prisma.TransactionClient;

export type ReportEntry = {
  /** The item's position in the file, when the entry is about an item. */
  item?: number;
  postId?: number;
  title?: string;
  kind: "failure" | "conflict" | "unmapped" | "note";
  message: string;
  /** For unmapped markup: its sanitized HTML. */
  html?: string;
};

export type ImportCounts = {
  items: number;
  created: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  failed: number;
  skipped: number;
  pages: number;
  authors: number;
  topics: number;
  media: number;
  redirects: number;
};

export type ImportProgress = { items: number; bytesRead: number; counts: ImportCounts };

export type ImportOptions = {
  dryRun?: boolean;
  /** Adds files from a copy of wp-content/uploads, or fetched from the old site; without it, media are listed as missing. */
  importMedia?: MediaImporter | null;
  /** Category slug or post format → publication type slug, added to DEFAULT_TYPE_MAPPING. */
  typeMapping?: Record<string, string>;
  /** Create a disabled-until-reset staff account (role AUTHOR) for each WordPress author with an email. */
  staffAccounts?: boolean;
  /** Items per transaction. */
  batchSize?: number;
  /** Called after each batch. */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Stops between two batches (the rest is imported by running the import again). */
  signal?: AbortSignal;
  /** Images in bodies may stay where they are on these hosts (CONTENT_IMAGE_HOSTS). */
  imageHosts?: readonly string[];
  readOptions?: ReadWxrOptions;
  now?: Date;
};

export type ImportResult = {
  site: WxrSite | null;
  counts: ImportCounts;
  report: ReportEntry[];
  /** Publications scheduled by this import, for their go-live jobs. */
  scheduled: { publicationId: number; at: Date }[];
  /** Stopped by the signal before the end of the file. */
  interrupted: boolean;
  /** Slugs of publications this import changed (their cached pages are stale). */
  updatedSlugs: string[];
};

/** Body images' files added to the library at once ahead of their posts (see prefetchBodyImages). */
const MEDIA_AHEAD = 3;

/** Runs the work given to it at most `limit` at a time, in the order given. */
function concurrencyLimit(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    // A finished task hands its slot straight to the next waiting one.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** The old site's address of a file under the same wp-content/uploads/ as `address`. */
function addressInUploads(address: string, uploadPath: string): string {
  const folder = address.slice(0, address.indexOf("/wp-content/uploads/") + "/wp-content/uploads/".length);
  return folder + uploadPath.split("/").map(encodeURIComponent).join("/");
}

/** Report entries kept in full; past this, only counted (a 6,000-item report stays readable). */
const MAX_REPORT_ENTRIES = 2000;

class DryRunRollback extends Error {}

type AttachmentInfo = {
  mediaId: number | null;
  url: string | null;
  uploadPath: string | null;
  alt: string;
  caption: string;
  credit: string;
  parentId: number;
};

type NewPost = {
  item: WxrItem;
  fields: NonNullable<ReturnType<Importer["postFields"]>>;
  /** The row insertPosts writes (dates as ISO strings, read back as UTC). */
  row: {
    slug: string;
    title: string;
    summary: string;
    bodyJson: BodyDocument;
    bodyHtml: string;
    wordCount: number;
    status: string;
    publishedAt: string | null;
    typeId: number;
    featuredImageId: number | null;
    featuredImageCaption: string;
    featuredImageCredit: string;
    keywords: string[];
    createdAt: string;
    authorIds: number[];
    categoryIds: number[];
    wordPressId: string;
    guid: string;
    sourceHash: string;
    redirects: string[];
    toPath: string;
  };
};

type ExistingItem = { targetId: number | null; sourceHash: string; importedVersion: number | null };

const categoryPath = (slug: string) => `/categories/${slug}`;

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** The library's address of a stored file (as uploadMedia's items give it). */
const mediaUrl = (storageKey: string) => `/media/${storageKey.split("/").map(encodeURIComponent).join("/")}`;

function emptyCounts(): ImportCounts {
  return {
    items: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    conflicts: 0,
    failed: 0,
    skipped: 0,
    pages: 0,
    authors: 0,
    topics: 0,
    media: 0,
    redirects: 0,
  };
}

class Importer {
  readonly counts = emptyCounts();
  readonly report: ReportEntry[] = [];
  readonly scheduled: { publicationId: number; at: Date }[] = [];
  readonly updatedSlugs: string[] = [];
  site: WxrSite | null = null;
  private readonly authors = new Map<string, number>();
  private readonly categories = new Map<string, { id: number; slug: string }>();
  private readonly tags = new Map<string, string>();
  private readonly attachments = new Map<number, AttachmentInfo>();
  private readonly mediaByUpload = new Map<string, AttachmentInfo>();
  /**
   * Body images' files this run has started adding to the library, by uploads path: each is
   * tried once, by the first post in the file that names it (see prefetchBodyImages).
   */
  private readonly mediaAdding = new Map<string, ReturnType<MediaImporter>>();
  /** At most MEDIA_AHEAD of them at once: image checks are CPU work, and each writes through the app's pool. */
  private readonly mediaSlots = concurrencyLimit(MEDIA_AHEAD);
  private readonly types = new Map<string, number>();
  private readonly usedSlugs = new Set<string>();
  private readonly pendingTerms: WxrTerm[] = [];
  private readonly pendingAuthors: WxrAuthor[] = [];
  private readonly pendingPages: WxrItem[] = [];
  /** Posts whose featured image came later in the file: post id → attachment id. */
  private readonly lateThumbnails = new Map<number, number>();
  private readonly publicationOfPost = new Map<number, number>();
  private readonly mapping: Record<string, string>;
  private readonly now: Date;
  private channelDone = false;
  private omittedEntries = 0;

  constructor(
    private readonly database: DatabaseClient,
    private readonly options: ImportOptions,
  ) {
    this.mapping = { ...DEFAULT_TYPE_MAPPING, ...options.typeMapping };
    this.now = options.now ?? new Date();
  }

  note(entry: ReportEntry): void {
    if (this.report.length < MAX_REPORT_ENTRIES) this.report.push(entry);
    else this.omittedEntries++;
  }

  finishReport(): void {
    if (this.omittedEntries > 0) {
      this.report.push({ kind: "note", message: `${this.omittedEntries} more entries were left out of this report.` });
    }
  }

  private get baseUrls(): string[] {
    return [this.site?.baseSiteUrl, this.site?.baseBlogUrl].filter((url): url is string => Boolean(url));
  }

  // ---- the channel: types, authors, topics, tags ----------------------------------------

  private async prepareTypes(tx: Transaction): Promise<void> {
    const existing = await tx.publicationType.findMany({ select: { id: true, slug: true } });
    for (const type of existing) this.types.set(type.slug, type.id);
    for (const [index, type] of IMPORT_PUBLICATION_TYPES.entries()) {
      if (this.types.has(type.slug)) continue;
      const created = await tx.publicationType.upsert({
        where: { slug: type.slug },
        update: {},
        create: { ...type, position: 100 + index },
        select: { id: true },
      });
      this.types.set(type.slug, created.id);
    }
  }

  private async uniqueSlug(tx: Transaction, table: "author" | "category", base: string): Promise<string> {
    for (let attempt = 1; attempt < 50; attempt++) {
      const candidate = attempt === 1 ? base : `${base}-${attempt}`;
      const taken =
        table === "author"
          ? await tx.author.findUnique({ where: { slug: candidate }, select: { id: true } })
          : await tx.category.findUnique({ where: { slug: candidate }, select: { id: true } });
      if (!taken) return candidate;
    }
    return `${base}-${Date.now()}`;
  }

  private async importAuthors(tx: Transaction): Promise<void> {
    const known = await tx.wordPressItem.findMany({
      where: { kind: "author", wordPressId: { in: this.pendingAuthors.map((author) => author.login) } },
      select: { wordPressId: true, targetId: true },
    });
    const knownIds = new Map(known.map((row) => [row.wordPressId, row.targetId]));
    for (const author of this.pendingAuthors) {
      const name = author.displayName.trim() || [author.firstName, author.lastName].join(" ").trim() || author.login;
      let authorId = knownIds.get(author.login) ?? null;
      if (authorId !== null) {
        const still = await tx.author.findUnique({ where: { id: authorId }, select: { id: true } });
        if (!still) authorId = null;
      }
      if (authorId === null) {
        const slug = await this.uniqueSlug(tx, "author", slugify(name));
        const created = await tx.author.create({ data: { name: name.slice(0, 200), slug }, select: { id: true } });
        authorId = created.id;
        this.counts.authors++;
        if (this.options.staffAccounts && author.email) await this.staffAccount(tx, author, name, authorId);
      }
      this.authors.set(author.login, authorId);
      await tx.wordPressItem.upsert({
        where: { kind_wordPressId: { kind: "author", wordPressId: author.login } },
        update: { targetId: authorId, details: { email: author.email, displayName: author.displayName } },
        create: {
          kind: "author",
          wordPressId: author.login,
          targetId: authorId,
          sourceHash: sha256(JSON.stringify(author)),
          details: { email: author.email, displayName: author.displayName },
        },
      });
      const slug = (await tx.author.findUnique({ where: { id: authorId }, select: { slug: true } }))!.slug;
      const nicename = slugify(author.login);
      await this.redirects(
        tx,
        [`/author/${nicename}`, author.id !== null ? `/?author=${author.id}` : null],
        `/authors/${slug}`,
      );
      await this.redirects(tx, [`/author/${nicename}/feed`], `/authors/${slug}/feed.xml`);
    }
    this.pendingAuthors.length = 0;
  }

  /** A staff account for an imported author: role AUTHOR, no usable password until they reset it. */
  private async staffAccount(tx: Transaction, author: WxrAuthor, name: string, authorId: number): Promise<void> {
    const email = author.email.trim().toLowerCase();
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      this.note({ kind: "note", message: `A staff account for ${email} already exists: not created again.` });
      return;
    }
    const user = await tx.user.create({
      // A hash no password matches: the person sets one through "Forgot password".
      data: {
        email,
        name: name.slice(0, 200),
        role: "AUTHOR",
        passwordHash: `!imported-${sha256(email + Date.now())}`,
      },
      select: { id: true },
    });
    await tx.author.update({ where: { id: authorId }, data: { userId: user.id } });
    await tx.auditLog.create({
      data: {
        action: "user.create",
        entityType: "User",
        entityId: String(user.id),
        details: { role: "AUTHOR", via: "wordpress-import" },
      },
    });
  }

  private async importTerms(tx: Transaction): Promise<void> {
    const categories = this.pendingTerms.filter((term) => term.taxonomy === "category");
    for (const tag of this.pendingTerms.filter((term) => term.taxonomy === "post_tag")) {
      this.tags.set(tag.slug, tag.name);
      const target = `/search?q=${encodeURIComponent(tag.name)}`;
      await this.redirects(tx, [`/tag/${tag.slug}`, `/?tag=${tag.slug}`], target);
    }
    const bySlug = new Map(categories.map((category) => [category.slug, category]));
    const pathOf = (category: WxrTerm, depth = 0): string =>
      category.parentSlug && bySlug.has(category.parentSlug) && depth < 10
        ? `${pathOf(bySlug.get(category.parentSlug)!, depth + 1)}/${category.slug}`
        : category.slug;
    const known = await tx.wordPressItem.findMany({
      where: { kind: "category", wordPressId: { in: categories.map((category) => String(category.id)) } },
      select: { wordPressId: true, targetId: true },
    });
    const knownIds = new Map(known.map((row) => [row.wordPressId, row.targetId]));
    for (const category of categories) {
      const parent = category.parentSlug ? bySlug.get(category.parentSlug) : undefined;
      let id = knownIds.get(String(category.id)) ?? null;
      let row = id !== null ? await tx.category.findUnique({ where: { id }, select: { id: true, slug: true } }) : null;
      if (!row) {
        // A topic of the same name or slug already in Quire is the same topic; a nested
        // category only by its slug ("Asia" under "Markets" is not the topic "Asia").
        row = await tx.category.findFirst({
          where: parent
            ? { slug: slugify(category.slug) }
            : { OR: [{ slug: slugify(category.slug) }, { name: category.name }] },
          select: { id: true, slug: true },
        });
      }
      if (!row) {
        const nameTaken = await tx.category.findUnique({ where: { name: category.name }, select: { id: true } });
        // Nested categories become topics; a child named like another topic takes its parent's name too.
        const name = nameTaken && parent ? `${category.name} (${parent.name})` : category.name;
        const slug = await this.uniqueSlug(tx, "category", slugify(category.slug));
        row = await tx.category.create({
          data: { name: name.slice(0, 200), slug, description: summaryFromExcerpt(category.description) },
          select: { id: true, slug: true },
        });
        this.counts.topics++;
      }
      id = row.id;
      this.categories.set(category.slug, row);
      // Quire's topics are flat (DESIGN.md: Category has no parent): a nested category becomes
      // a topic of its own; its parent is recorded here and in the report, and its nested
      // address (/category/parent/child/) as well as the short one redirect to the topic.
      const details = parent ? { parentSlug: parent.slug, parentName: parent.name, path: pathOf(category) } : {};
      await tx.wordPressItem.upsert({
        where: { kind_wordPressId: { kind: "category", wordPressId: String(category.id) } },
        update: { targetId: id, details },
        create: {
          kind: "category",
          wordPressId: String(category.id),
          targetId: id,
          sourceHash: sha256(JSON.stringify(category)),
          details,
        },
      });
      if (parent)
        this.note({
          kind: "note",
          message: `Category "${category.name}" is inside "${parent.name}" in WordPress; topics here are not nested, so it is the topic ${categoryPath(row.slug)}, and /category/${pathOf(category)}/ redirects there.`,
        });
      const oldPaths = [...new Set([`/category/${pathOf(category)}`, `/category/${category.slug}`])];
      await this.redirects(tx, [...oldPaths, `/?cat=${category.id}`], categoryPath(row.slug));
      await this.redirects(
        tx,
        oldPaths.map((path) => `${path}/feed`),
        `${categoryPath(row.slug)}/feed.xml`,
      );
    }
    this.pendingTerms.length = 0;
  }

  /** Records old addresses → a new one (never an address to itself); existing ones are repointed. */
  private async redirects(tx: Transaction, fromPaths: readonly (string | null)[], toPath: string): Promise<void> {
    const keys = [...new Set(fromPaths.map((from) => (from ? legacyKey(from) : null)))].filter(
      (key): key is string => key !== null && key !== toPath && key !== "/",
    );
    if (keys.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO "Redirect" ("fromPath", "toPath", "statusCode")
      SELECT unnest(${keys}::text[]), ${toPath}, 301
      ON CONFLICT ("fromPath") DO UPDATE SET "toPath" = EXCLUDED."toPath"`;
    this.counts.redirects += keys.length;
  }

  // ---- attachments ----------------------------------------------------------------------

  private async importAttachment(tx: Transaction, item: WxrItem): Promise<void> {
    const upload = item.meta._wp_attached_file || uploadsPath(item.attachmentUrl || item.guid);
    const info: AttachmentInfo = {
      mediaId: null,
      url: null,
      uploadPath: upload ? upload.replace(/^\/+/, "") : null,
      alt: (item.meta._wp_attachment_image_alt ?? "").trim().slice(0, 500),
      caption: summaryFromExcerpt(item.excerpt).slice(0, 1000),
      credit: (item.meta._media_credit ?? item.meta.credit ?? item.meta._credit ?? "").trim().slice(0, 300),
      parentId: item.postParent,
    };
    const known = await tx.wordPressItem.findUnique({
      where: { kind_wordPressId: { kind: "attachment", wordPressId: String(item.postId) } },
      select: { targetId: true },
    });
    if (known?.targetId) {
      const media = await tx.media.findUnique({
        where: { id: known.targetId },
        select: { id: true, storageKey: true },
      });
      if (media) {
        info.mediaId = media.id;
        info.url = mediaUrl(media.storageKey);
      }
    }
    if (info.mediaId === null && info.uploadPath && this.options.importMedia && !this.options.dryRun) {
      const result = await this.options.importMedia(
        info.uploadPath,
        { alt: info.alt || item.title, caption: info.caption, credit: info.credit },
        { url: item.attachmentUrl || null, siteUrls: this.baseUrls },
      );
      if (result.ok) {
        info.mediaId = result.media.id;
        info.url = result.media.url;
        this.counts.media++;
      } else
        this.note({
          item: item.index,
          postId: item.postId,
          title: item.title,
          kind: "failure",
          message: `Media not imported: ${result.message}.`,
        });
    } else if (info.mediaId === null) {
      this.note({
        item: item.index,
        postId: item.postId,
        title: item.title,
        kind: "note",
        message: this.options.dryRun
          ? `Media file ${info.uploadPath ?? item.attachmentUrl} would be imported from --uploads or the old site.`
          : `Media file ${info.uploadPath ?? item.attachmentUrl} not imported: run the import with --uploads (a copy of wp-content/uploads) or fetch media from the old site.`,
      });
    }
    this.attachments.set(item.postId, info);
    this.attachmentGeneration++;
    if (info.uploadPath) this.mediaByUpload.set(info.uploadPath, info);
    await tx.wordPressItem.upsert({
      where: { kind_wordPressId: { kind: "attachment", wordPressId: String(item.postId) } },
      update: { targetId: info.mediaId, guid: item.guid },
      create: {
        kind: "attachment",
        wordPressId: String(item.postId),
        guid: item.guid,
        targetId: info.mediaId,
        sourceHash: sha256(item.attachmentUrl),
      },
    });
    if (info.url) {
      const oldFile = info.uploadPath ? `/wp-content/uploads/${info.uploadPath}` : null;
      await this.redirects(
        tx,
        [`/?attachment_id=${item.postId}`, legacyKeyOfUrl(item.link, this.baseUrls), oldFile],
        info.url,
      );
    }
    await this.applyLateThumbnails(tx);
  }

  /**
   * Files a body names under wp-content/uploads that no attachment item brought (WordPress
   * keeps no attachment for an image pasted as HTML or left by a deleted attachment):
   * brought into the library once per file, from --uploads or the old site by the same
   * importer, and recorded as "upload" items so that a later run finds them again. The
   * original is tried before a resized copy ("photo-300x200.jpg" → "photo.jpg").
   */
  private async importBodyImages(tx: Transaction, item: WxrItem): Promise<void> {
    const importMedia = this.options.importMedia;
    if (!importMedia || this.options.dryRun || !item.content.includes("/wp-content/uploads/")) return;
    for (const { src, alt } of bodyImageSources(item.content)) {
      const address = addressOnExportedSite(src, this.baseUrls);
      const upload = address ? uploadsPath(address) : null;
      if (!address || !upload) continue;
      const original = originalUploadPath(upload);
      if (this.mediaByUpload.has(upload) || this.mediaByUpload.has(original)) continue;
      let failure = "";
      for (const candidate of [...new Set([original, upload])]) {
        const known = await this.knownUpload(tx, candidate);
        let adding = known ? undefined : this.mediaAdding.get(candidate);
        if (!known && !adding) {
          adding = importMedia(
            candidate,
            { alt, caption: "", credit: "" },
            { url: addressInUploads(address, candidate), siteUrls: this.baseUrls },
          );
          this.mediaAdding.set(candidate, adding);
        }
        const result = known ? ({ ok: true, media: known } as const) : await adding!;
        if (!result.ok) {
          failure = result.message;
          continue;
        }
        const info: AttachmentInfo = {
          mediaId: result.media.id,
          url: result.media.url,
          uploadPath: candidate,
          alt: "",
          caption: "",
          credit: "",
          parentId: 0,
        };
        this.mediaByUpload.set(candidate, info);
        this.mediaByUpload.set(upload, info);
        this.bodyImageGeneration++;
        if (!known) {
          this.counts.media++;
          await this.recordUpload(tx, candidate, [upload], info);
        }
        failure = "";
        break;
      }
      if (failure) {
        // Tried once: the other posts that name it are only reported by the body's note.
        this.mediaByUpload.set(upload, {
          mediaId: null,
          url: null,
          uploadPath: upload,
          alt: "",
          caption: "",
          credit: "",
          parentId: 0,
        });
        this.note({
          item: item.index,
          postId: item.postId,
          title: item.title,
          kind: "failure",
          message: `Media not imported: ${failure}.`,
        });
      }
    }
  }

  /**
   * Starts adding the files a post's body names (the originals, which importBodyImages tries
   * first) as the post is read, so that their checks overlap the database's work on the
   * batches before; importBodyImages takes each result when it comes to the post. Called for
   * every post in file order, so the first post naming a file adds it, with its alt text, as
   * without it: the same files and details, only earlier.
   */
  prefetchBodyImages(item: WxrItem): void {
    const importMedia = this.options.importMedia;
    if (!importMedia || this.options.dryRun || item.postType !== "post") return;
    // A re-run converts and adds nothing new: its files are known (importBodyImages looks them up).
    if (!this.createdInLastBatch || !item.content.includes("/wp-content/uploads/")) return;
    // A post that will not be imported (its status) brings no file either.
    if (!workflowStateFor(item, this.now)) return;
    for (const { src, alt } of bodyImageSources(item.content)) {
      const address = addressOnExportedSite(src, this.baseUrls);
      const upload = address ? uploadsPath(address) : null;
      if (!address || !upload) continue;
      const original = originalUploadPath(upload);
      if (this.mediaByUpload.has(upload) || this.mediaByUpload.has(original) || this.mediaAdding.has(original))
        continue;
      const adding = this.mediaSlots(() =>
        importMedia(
          original,
          { alt, caption: "", credit: "" },
          { url: addressInUploads(address, original), siteUrls: this.baseUrls },
        ),
      );
      adding.catch(() => {}); // awaited by importBodyImages; this only keeps it from counting as unhandled meanwhile
      this.mediaAdding.set(original, adding);
    }
  }

  /** Once every file started ahead has been added or refused. */
  async mediaSettled(): Promise<void> {
    await Promise.allSettled(this.mediaAdding.values());
  }

  /** The library item an earlier run made of an uploads file no attachment named. */
  private async knownUpload(tx: Transaction, uploadPath: string): Promise<{ id: number; url: string } | null> {
    const known = await tx.wordPressItem.findUnique({
      where: { kind_wordPressId: { kind: "upload", wordPressId: uploadPath } },
      select: { targetId: true },
    });
    if (!known?.targetId) return null;
    const media = await tx.media.findUnique({ where: { id: known.targetId }, select: { id: true, storageKey: true } });
    return media ? { id: media.id, url: mediaUrl(media.storageKey) } : null;
  }

  /** Its "upload" item and the old file addresses' redirects, in a savepoint: the post being prepared must not fail for them. */
  private async recordUpload(
    tx: Transaction,
    uploadPath: string,
    alsoAt: string[],
    info: AttachmentInfo,
  ): Promise<void> {
    await tx.$executeRawUnsafe("SAVEPOINT wordpress_upload");
    try {
      await tx.wordPressItem.upsert({
        where: { kind_wordPressId: { kind: "upload", wordPressId: uploadPath } },
        update: { targetId: info.mediaId },
        create: { kind: "upload", wordPressId: uploadPath, targetId: info.mediaId, sourceHash: sha256(uploadPath) },
      });
      await this.redirects(
        tx,
        [...new Set([uploadPath, ...alsoAt])].map((file) => `/wp-content/uploads/${file}`),
        info.url!,
      );
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT wordpress_upload");
    } catch (error) {
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT wordpress_upload");
      this.note({
        kind: "failure",
        message: `${uploadPath} is in the library, but its old address could not be recorded: ${error instanceof Error ? error.message.slice(0, 200) : "unknown error"}`,
      });
    }
  }

  /** Featured images of posts that came before their attachment in the file. */
  private async applyLateThumbnails(tx: Transaction): Promise<void> {
    for (const [postId, thumbnailId] of this.lateThumbnails) {
      const info = this.attachments.get(thumbnailId);
      const publicationId = this.publicationOfPost.get(postId);
      if (!info || !publicationId) continue;
      if (info.mediaId !== null) {
        await tx.publication.update({
          where: { id: publicationId },
          data: { featuredImageId: info.mediaId, featuredImageCaption: info.caption, featuredImageCredit: info.credit },
        });
      }
      this.lateThumbnails.delete(postId);
    }
  }

  /** Where a body image of the old site now is: the media library, an allowed host, or nowhere. */
  private resolveImage = (src: string): ImageTarget | null => {
    const upload = uploadsPath(src);
    if (upload) {
      const info = this.mediaByUpload.get(upload) ?? this.mediaByUpload.get(originalUploadPath(upload));
      if (info?.url)
        return { src: info.url, mediaId: info.mediaId, alt: info.alt, caption: info.caption, credit: info.credit };
    }
    if (allowedImageSrc(src, this.options.imageHosts ?? []) !== null) return { src, mediaId: null };
    return null;
  };

  // ---- posts ----------------------------------------------------------------------------

  private itemHash(item: WxrItem): string {
    return sha256(
      JSON.stringify([
        item.title,
        item.content,
        item.excerpt,
        item.status,
        item.postDateGmt,
        item.postName,
        item.creator,
        item.terms,
        item.meta._thumbnail_id ?? "",
        item.password,
        item.postParent,
        item.menuOrder,
      ]),
    );
  }

  /** Bodies converted ahead, while the previous batch was being written (see importWordPress). */
  private readonly converted = new WeakMap<
    WxrItem,
    { generation: number; bodyImageGeneration: number; body: ConvertedBody }
  >();
  /** Raised whenever an attachment is imported: a body converted before may now find its images. */
  private attachmentGeneration = 0;
  /** Raised whenever a body image without attachment is imported: a body converted before that missed an image may now find it. */
  private bodyImageGeneration = 0;
  /** Attachments were imported in a first pass over the file (see importWordPress). */
  attachmentsFirst = false;
  /** Whether the last batch created posts: converting ahead is worth it (a re-run converts nothing). */
  createdInLastBatch = true;

  preconvert(item: WxrItem): void {
    if (item.postType !== "post" || !this.createdInLastBatch) return;
    this.converted.set(item, {
      generation: this.attachmentGeneration,
      bodyImageGeneration: this.bodyImageGeneration,
      body: this.convert(item),
    });
  }

  private convert(item: WxrItem): ConvertedBody {
    return convertWordPressBody(item.content, { resolveImage: this.resolveImage, footnotesMeta: item.meta.footnotes });
  }

  private async body(
    tx: Transaction,
    item: WxrItem,
  ): Promise<{ doc: BodyDocument; bodyHtml: string; wordCount: number }> {
    await this.importBodyImages(tx, item);
    const ahead = this.converted.get(item);
    const current =
      ahead &&
      ahead.generation === this.attachmentGeneration &&
      (ahead.body.missingImages.length === 0 || ahead.bodyImageGeneration === this.bodyImageGeneration);
    const converted = current ? ahead.body : this.convert(item);
    this.converted.delete(item);
    const where = { item: item.index, postId: item.postId, title: item.title };
    for (const unmapped of converted.unmapped.slice(0, 20)) {
      this.note({ ...where, kind: "unmapped", message: `${unmapped.what} kept as text`, html: unmapped.html });
    }
    if (converted.missingImages.length > 0) {
      this.note({
        ...where,
        kind: "note",
        message: `Image not brought across (no file from --uploads, host not allowed): ${converted.missingImages.slice(0, 5).join(", ")}`,
      });
    }
    if (converted.removed.length > 0) {
      this.note({
        ...where,
        kind: "note",
        message: `Removed unsafe markup: ${[...new Set(converted.removed)].slice(0, 10).join(", ")}`,
      });
    }
    const parsed = parseBodyDocument(converted.doc, { imageHosts: this.options.imageHosts ?? [] });
    if (!parsed.ok) throw new Error(parsed.message);
    const rendered = renderBody(parsed.doc, { imageHosts: this.options.imageHosts ?? [] });
    return { doc: parsed.doc, ...rendered };
  }

  private postFields(item: WxrItem) {
    const state = workflowStateFor(item, this.now);
    if (!state) return null;
    const authorId = this.authors.get(item.creator);
    const categoryIds = [
      ...new Set(
        item.terms
          .filter((term) => term.domain === "category")
          .map((term) => this.categories.get(term.nicename)?.id)
          .filter((id): id is number => id !== undefined),
      ),
    ];
    const keywords = [
      ...new Set(
        item.terms
          .filter((term) => term.domain === "post_tag")
          .map((term) => this.tags.get(term.nicename) ?? term.name),
      ),
    ].filter(Boolean);
    const typeSlug = publicationTypeFor(item, this.mapping);
    const typeId = this.types.get(typeSlug) ?? this.types.get("commentary")!;
    const thumbnailId = Number.parseInt(item.meta._thumbnail_id ?? "", 10);
    const thumbnail = Number.isFinite(thumbnailId) ? this.attachments.get(thumbnailId) : undefined;
    return {
      state,
      authorIds: authorId !== undefined ? [authorId] : [],
      categoryIds,
      keywords,
      typeId,
      thumbnailId: Number.isFinite(thumbnailId) ? thumbnailId : null,
      featuredImageId: thumbnail?.mediaId ?? null,
      featuredImageCaption: thumbnail?.caption ?? "",
      featuredImageCredit: thumbnail?.credit ?? "",
      title: (item.title.trim() || "Untitled").slice(0, 300),
      summary: summaryFromExcerpt(item.excerpt),
    };
  }

  private oldAddresses(item: WxrItem, queryKey: "p" | "page_id"): (string | null)[] {
    return [
      `/?${queryKey}=${item.postId}`,
      legacyKeyOfUrl(item.link, this.baseUrls),
      legacyKeyOfUrl(item.guid, this.baseUrls),
    ];
  }

  /** Updates a known post, or prepares a new one for insertPosts (returned). */
  private async processPost(
    tx: Transaction,
    item: WxrItem,
    existing: ExistingItem | undefined,
    slugTaken: Set<string>,
    versions: Map<number, { id: number; version: number; slug: string }>,
  ): Promise<NewPost | null> {
    const where = { item: item.index, postId: item.postId, title: item.title };
    const fields = this.postFields(item);
    if (!fields) {
      this.counts.skipped++;
      this.note({ ...where, kind: "note", message: `Not imported: WordPress status "${item.status}".` });
      return null;
    }
    const hash = this.itemHash(item);
    if (existing?.targetId) {
      const current = versions.get(existing.targetId);
      if (current) {
        this.publicationOfPost.set(item.postId, current.id);
        if (existing.sourceHash === hash) {
          this.counts.unchanged++;
          return null;
        }
        if (existing.importedVersion !== null && current.version !== existing.importedVersion) {
          this.counts.conflicts++;
          this.note({
            ...where,
            kind: "conflict",
            message: `Changed in WordPress and edited in Quire since the last import (${publicationPath(current.slug)}): kept Quire's version.`,
          });
          return null;
        }
        await this.updatePost(tx, item, current.id, hash, fields);
        this.counts.updated++;
        return null;
      }
      // Deleted in Quire since: imported again as new.
    }
    if (fields.state.note) this.note({ ...where, kind: "note", message: fields.state.note });
    const body = await this.body(tx, item);
    let slug = slugFor(item);
    if (slugTaken.has(slug) || this.usedSlugs.has(slug)) slug = `${slug}-${item.postId}`;
    this.usedSlugs.add(slug);
    const redirectKeys = [
      ...new Set(this.oldAddresses(item, "p").map((from) => (from ? legacyKey(from) : null))),
    ].filter((key): key is string => key !== null && key !== "/");
    return {
      item,
      fields,
      row: {
        slug,
        title: fields.title,
        summary: fields.summary,
        bodyJson: body.doc,
        bodyHtml: body.bodyHtml,
        wordCount: body.wordCount,
        status: fields.state.status,
        publishedAt: fields.state.publishedAt?.toISOString() ?? null,
        typeId: fields.typeId,
        featuredImageId: fields.featuredImageId,
        featuredImageCaption: fields.featuredImageCaption,
        featuredImageCredit: fields.featuredImageCredit,
        keywords: fields.keywords,
        createdAt: (wordPressGmtDate(item.postDateGmt) ?? this.now).toISOString(),
        authorIds: fields.authorIds,
        categoryIds: fields.categoryIds,
        wordPressId: String(item.postId),
        guid: item.guid,
        sourceHash: hash,
        redirects: redirectKeys,
        toPath: publicationPath(slug),
      },
    };
  }

  /**
   * New posts of a batch in one statement: the publications, their author and topic links,
   * their WordPressItem rows and their old addresses. One statement per batch keeps the
   * search triggers (which run per statement) and the round trips to a few per batch.
   */
  private async insertPosts(tx: Transaction, posts: NewPost[]): Promise<void> {
    const inserted = await tx.$queryRaw<{ wordPressId: string; id: number }[]>`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(posts.map((post) => post.row))}::jsonb) AS x(
          slug text, title text, summary text, "bodyJson" jsonb, "bodyHtml" text, "wordCount" int, status text,
          "publishedAt" timestamp, "typeId" int, "featuredImageId" int, "featuredImageCaption" text,
          "featuredImageCredit" text, keywords text[], "createdAt" timestamp, "authorIds" int[], "categoryIds" int[],
          "wordPressId" text, guid text, "sourceHash" text, redirects text[], "toPath" text)
      ), p AS (
        INSERT INTO "Publication" (slug, title, summary, "bodyJson", "bodyHtml", "wordCount", status, "publishedAt", "typeId",
                                   "featuredImageId", "featuredImageCaption", "featuredImageCredit", keywords, "createdAt", "updatedAt")
        SELECT slug, title, summary, "bodyJson", "bodyHtml", "wordCount", status::"PublicationStatus", "publishedAt", "typeId",
               "featuredImageId", "featuredImageCaption", "featuredImageCredit", coalesce(keywords, '{}'), "createdAt", now()
          FROM input
        RETURNING id, slug, version
      ), joined AS (
        SELECT input.*, p.id, p.version FROM input JOIN p USING (slug)
      ), authors AS (
        INSERT INTO "PublicationAuthor" ("publicationId", "authorId", position)
        SELECT j.id, a.id, a.position::int - 1 FROM joined j, unnest(j."authorIds") WITH ORDINALITY AS a(id, position)
      ), topics AS (
        INSERT INTO "PublicationCategory" ("publicationId", "categoryId")
        SELECT j.id, c.id FROM joined j, unnest(j."categoryIds") AS c(id)
      ), items AS (
        INSERT INTO "WordPressItem" (kind, "wordPressId", guid, "targetId", "sourceHash", "importedVersion", "importedAt", "updatedAt")
        SELECT 'post', j."wordPressId", j.guid, j.id, j."sourceHash", j.version, now(), now() FROM joined j
        ON CONFLICT (kind, "wordPressId") DO UPDATE SET guid = EXCLUDED.guid, "targetId" = EXCLUDED."targetId",
          "sourceHash" = EXCLUDED."sourceHash", "importedVersion" = EXCLUDED."importedVersion", "updatedAt" = now()
      ), moved AS (
        INSERT INTO "Redirect" ("fromPath", "toPath", "statusCode")
        SELECT DISTINCT ON (r.from_path) r.from_path, j."toPath", 301
          FROM joined j, unnest(j.redirects) AS r(from_path) WHERE r.from_path <> j."toPath"
        ON CONFLICT ("fromPath") DO UPDATE SET "toPath" = EXCLUDED."toPath"
      )
      SELECT "wordPressId", id FROM joined`;
    const ids = new Map(inserted.map((row) => [row.wordPressId, row.id]));
    for (const { item, fields, row } of posts) {
      const publicationId = ids.get(row.wordPressId)!;
      this.publicationOfPost.set(item.postId, publicationId);
      // Its attachment may come later in the file, or have come in this batch after the post.
      if (fields.thumbnailId !== null && fields.featuredImageId === null) {
        this.lateThumbnails.set(item.postId, fields.thumbnailId);
      }
      if (fields.state.status === "SCHEDULED" && fields.state.publishedAt) {
        this.scheduled.push({ publicationId, at: fields.state.publishedAt });
      }
      this.counts.redirects += row.redirects.length;
      this.counts.created++;
    }
  }

  private async updatePost(
    tx: Transaction,
    item: WxrItem,
    publicationId: number,
    hash: string,
    fields: NonNullable<ReturnType<Importer["postFields"]>>,
  ): Promise<void> {
    const body = await this.body(tx, item);
    const updated = await tx.publication.update({
      where: { id: publicationId },
      data: {
        title: fields.title,
        summary: fields.summary,
        bodyJson: body.doc as Prisma.InputJsonValue,
        bodyHtml: body.bodyHtml,
        wordCount: body.wordCount,
        status: fields.state.status,
        publishedAt: fields.state.publishedAt,
        typeId: fields.typeId,
        keywords: fields.keywords,
        ...(fields.featuredImageId !== null && {
          featuredImageId: fields.featuredImageId,
          featuredImageCaption: fields.featuredImageCaption,
          featuredImageCredit: fields.featuredImageCredit,
        }),
        version: { increment: 1 },
        authors: { deleteMany: {}, create: fields.authorIds.map((authorId, position) => ({ authorId, position })) },
        categories: { deleteMany: {}, create: fields.categoryIds.map((categoryId) => ({ categoryId })) },
      },
      select: { version: true, slug: true },
    });
    this.updatedSlugs.push(updated.slug);
    await tx.wordPressItem.update({
      where: { kind_wordPressId: { kind: "post", wordPressId: String(item.postId) } },
      data: { sourceHash: hash, importedVersion: updated.version, guid: item.guid },
    });
    await this.redirects(tx, this.oldAddresses(item, "p"), publicationPath(updated.slug));
    if (fields.state.status === "SCHEDULED" && fields.state.publishedAt)
      this.scheduled.push({ publicationId, at: fields.state.publishedAt });
  }

  // ---- pages ----------------------------------------------------------------------------

  /** Pages after everything else: a child may come before its parent in the file. */
  private async importPages(tx: Transaction): Promise<void> {
    const byId = new Map(this.pendingPages.map((page) => [page.postId, page]));
    const depth = (page: WxrItem): number => (page.postParent && byId.has(page.postParent) ? 1 : 0);
    const ordered = [...this.pendingPages].sort((a, b) => depth(a) - depth(b));
    const pathOfPost = new Map<number, { id: number; path: string }>();
    for (const item of ordered) {
      await this.savepoint(tx, item, async () => {
        const where = { item: item.index, postId: item.postId, title: item.title };
        const state = workflowStateFor(item, this.now);
        if (!state) {
          this.counts.skipped++;
          return;
        }
        const hash = this.itemHash(item);
        const known = await tx.wordPressItem.findUnique({
          where: { kind_wordPressId: { kind: "page", wordPressId: String(item.postId) } },
          select: { targetId: true, sourceHash: true, importedAt: true },
        });
        const current = known?.targetId
          ? await tx.page.findUnique({
              where: { id: known.targetId },
              select: { id: true, path: true, updatedAt: true },
            })
          : null;
        if (current && known) {
          pathOfPost.set(item.postId, current);
          if (known.sourceHash === hash) {
            this.counts.unchanged++;
            return;
          }
          if (current.updatedAt.getTime() > known.importedAt.getTime() + 1000) {
            this.counts.conflicts++;
            this.note({
              ...where,
              kind: "conflict",
              message: `Changed in WordPress and edited in Quire since the last import (/${current.path}): kept Quire's version.`,
            });
            return;
          }
        }
        const parent = item.postParent ? pathOfPost.get(item.postParent) : undefined;
        let slug = slugFor(item);
        if (!parent && isReservedFirstSegment(slug)) {
          this.note({
            ...where,
            kind: "note",
            message: `/${slug} belongs to another part of the site: the page is at /${slug}-page.`,
          });
          slug = `${slug}-page`;
        }
        let path = parent ? `${parent.path.split("/")[0]}/${slug}` : slug;
        if (!pagePathSchema.safeParse(path).success) path = `page-${item.postId}`;
        if (!current) {
          const taken = await tx.page.findUnique({ where: { path }, select: { id: true } });
          if (taken) path = `${path}-${item.postId}`;
        }
        const body = await this.body(tx, item);
        const data = {
          title: (item.title.trim() || "Untitled").slice(0, 300),
          bodyJson: body.doc as Prisma.InputJsonValue,
          bodyHtml: body.bodyHtml,
          status: state.status === "IN_REVIEW" ? ("DRAFT" as const) : state.status,
          publishedAt: state.publishedAt,
          menuOrder: item.menuOrder,
        };
        const page = current
          ? await tx.page.update({ where: { id: current.id }, data, select: { id: true, path: true } })
          : await tx.page.create({
              data: { ...data, path, slug, parentId: parent?.id ?? null },
              select: { id: true, path: true },
            });
        pathOfPost.set(item.postId, page);
        await tx.wordPressItem.upsert({
          where: { kind_wordPressId: { kind: "page", wordPressId: String(item.postId) } },
          update: { sourceHash: hash, targetId: page.id, guid: item.guid, importedAt: new Date() },
          create: {
            kind: "page",
            wordPressId: String(item.postId),
            guid: item.guid,
            targetId: page.id,
            sourceHash: hash,
          },
        });
        await this.redirects(tx, this.oldAddresses(item, "page_id"), `/${page.path}`);
        if (state.note) this.note({ ...where, kind: "note", message: state.note });
        this.counts.pages++;
        if (current) this.counts.updated++;
        else this.counts.created++;
      });
    }
    this.pendingPages.length = 0;
  }

  // ---- batches --------------------------------------------------------------------------

  private failed(item: WxrItem, error: unknown): void {
    this.counts.failed++;
    this.note({
      item: item.index,
      postId: item.postId,
      title: item.title,
      kind: "failure",
      message: `Not imported: ${error instanceof Error ? error.message.split("\n").slice(-1)[0]!.slice(0, 300) : "unknown error"}`,
    });
  }

  /** Runs one item's writes in a savepoint: if they fail, only they are undone, and the item is reported. */
  private async savepoint(tx: Transaction, item: WxrItem, work: () => Promise<unknown>): Promise<boolean> {
    await tx.$executeRawUnsafe("SAVEPOINT wordpress_item");
    try {
      await work();
      await tx.$executeRawUnsafe("RELEASE SAVEPOINT wordpress_item");
      return true;
    } catch (error) {
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT wordpress_item");
      this.failed(item, error);
      return false;
    }
  }

  async channel(tx: Transaction): Promise<void> {
    if (this.channelDone) return;
    this.channelDone = true;
    await this.prepareTypes(tx);
    await this.redirects(tx, ["/feed", "/feed/rss2", "/feed/rss", "/?feed=rss2", "/?feed=rss"], "/feed.xml");
    await this.redirects(tx, ["/feed/atom", "/?feed=atom"], "/atom.xml");
    await this.importAuthors(tx);
    await this.importTerms(tx);
  }

  async batch(tx: Transaction, items: WxrItem[]): Promise<void> {
    await deferSearchDocuments(tx);
    await this.channel(tx);
    const posts = items.filter((item) => item.postType === "post");
    const known = await tx.wordPressItem.findMany({
      where: {
        OR: [
          { kind: "post", wordPressId: { in: posts.map((item) => String(item.postId)) } },
          { kind: "post", guid: { in: posts.map((item) => item.guid).filter(Boolean) } },
        ],
      },
      select: { wordPressId: true, guid: true, targetId: true, sourceHash: true, importedVersion: true },
    });
    const byId = new Map(known.map((row) => [row.wordPressId, row]));
    const byGuid = new Map(known.filter((row) => row.guid).map((row) => [row.guid!, row]));
    const candidates = posts.map((item) => slugFor(item));
    const taken = new Set(
      (await tx.publication.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map(
        (row) => row.slug,
      ),
    );
    const targetIds = known.map((row) => row.targetId).filter((id): id is number => id !== null);
    const versions = new Map(
      (
        await tx.publication.findMany({
          where: { id: { in: targetIds } },
          select: { id: true, version: true, slug: true },
        })
      ).map((row) => [row.id, row]),
    );
    const fresh: NewPost[] = [];
    for (const item of items) {
      if (item.postType === "attachment" && this.attachmentsFirst && this.attachments.has(item.postId)) continue;
      this.counts.items++;
      if (item.postType === "attachment") {
        await this.savepoint(tx, item, () => this.importAttachment(tx, item));
      } else if (item.postType === "page") {
        this.pendingPages.push(item);
      } else if (item.postType === "post") {
        const existing = byId.get(String(item.postId)) ?? (item.guid ? byGuid.get(item.guid) : undefined);
        if (existing) await this.savepoint(tx, item, () => this.processPost(tx, item, existing, taken, versions));
        else {
          // A new post is only prepared here (no writes yet): a failure is this item's alone.
          try {
            const prepared = await this.processPost(tx, item, undefined, taken, versions);
            if (prepared) fresh.push(prepared);
          } catch (error) {
            this.failed(item, error);
          }
        }
      } else {
        this.counts.skipped++;
        this.note({
          item: item.index,
          postId: item.postId,
          title: item.title,
          kind: "note",
          message: `Not imported: WordPress type "${item.postType}".`,
        });
      }
    }
    if (fresh.length > 0) {
      // All new posts in one statement; if that fails, each alone in its savepoint, so the bad one fails alone.
      await tx.$executeRawUnsafe("SAVEPOINT wordpress_batch");
      try {
        await this.insertPosts(tx, fresh);
        await tx.$executeRawUnsafe("RELEASE SAVEPOINT wordpress_batch");
      } catch {
        await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT wordpress_batch");
        for (const post of fresh) await this.savepoint(tx, post.item, () => this.insertPosts(tx, [post]));
      }
      await this.applyLateThumbnails(tx);
      // Their search rows, once each, now that their authors and topics are in (see deferSearchDocuments).
      await buildSearchDocuments(
        tx,
        fresh.map((post) => this.publicationOfPost.get(post.item.postId)).filter((id) => id !== undefined),
      );
    }
  }

  async finish(tx: Transaction): Promise<void> {
    await this.channel(tx);
    await this.importPages(tx);
    for (const [postId, attachmentId] of this.lateThumbnails) {
      this.note({ postId, kind: "note", message: `Featured image (attachment ${attachmentId}) is not in the export.` });
    }
  }

  addAuthor(author: WxrAuthor): void {
    this.pendingAuthors.push(author);
  }

  addTerm(term: WxrTerm): void {
    this.pendingTerms.push(term);
  }
}

/**
 * Imports a WordPress export. Throws WxrError when the file cannot be read (what was
 * imported before the bad part stays, and a later run resumes).
 */
export async function importWordPress(
  database: DatabaseClient,
  source: WxrSource | (() => WxrSource),
  options: ImportOptions = {},
): Promise<ImportResult> {
  const importer = new Importer(database, options);
  const batchSize = options.batchSize ?? 100;
  let bytesRead = 0;
  // Given a way to read the file twice, attachments are imported first, so that every
  // body image and featured image finds its media whatever the order of the file.
  const twoPasses = typeof source === "function";
  const records = readWxr(typeof source === "function" ? source() : source, {
    ...options.readOptions,
    onInputBytes: (bytes) => {
      bytesRead = bytes;
      options.readOptions?.onInputBytes?.(bytes);
    },
  });
  let interrupted = false;

  const attachmentsPass = async (inTransaction: <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>) => {
    let attachments: WxrItem[] = [];
    const flush = async () => {
      const items = attachments;
      attachments = [];
      await inTransaction((tx) => importer.batch(tx, items));
    };
    for await (const record of readWxr((source as () => WxrSource)(), options.readOptions)) {
      if (record.kind === "site") importer.site = record.site;
      else if (record.kind === "author") importer.addAuthor(record.author);
      else if (record.kind === "term") importer.addTerm(record.term);
      else if (record.item.postType === "attachment") {
        attachments.push(record.item);
        if (attachments.length >= batchSize) await flush();
      }
    }
    await flush();
    importer.attachmentsFirst = true;
  };

  const run = async (inTransaction: <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>) => {
    if (twoPasses) await attachmentsPass(inTransaction);
    let batch: WxrItem[] = [];
    // The batch being written. Meanwhile the next items are read and their bodies converted,
    // so the database's work and ours overlap (PostgreSQL runs in its own process).
    let writing: Promise<void> | null = null;
    const flush = async () => {
      const items = batch;
      batch = [];
      if (writing) await writing;
      const created = importer.counts.created;
      writing = inTransaction((tx) => importer.batch(tx, items)).then(async () => {
        importer.createdInLastBatch = importer.counts.created > created;
        await options.onProgress?.({ items: importer.counts.items, bytesRead, counts: importer.counts });
      });
      writing.catch(() => {}); // awaited below; this only keeps it from counting as unhandled meanwhile
    };
    for await (const record of records) {
      if (record.kind === "site") importer.site = record.site;
      else if (record.kind === "author") {
        if (!twoPasses) importer.addAuthor(record.author);
      } else if (record.kind === "term") {
        if (!twoPasses) importer.addTerm(record.term);
      } else {
        batch.push(record.item);
        importer.prefetchBodyImages(record.item);
        if (writing) importer.preconvert(record.item);
        if (batch.length >= batchSize) {
          await flush();
          if (options.signal?.aborted) {
            await writing;
            interrupted = true;
            return;
          }
        }
      }
    }
    if (batch.length > 0) await flush();
    if (writing) await writing;
    await inTransaction((tx) => importer.finish(tx));
    await options.onProgress?.({ items: importer.counts.items, bytesRead, counts: importer.counts });
  };

  try {
    if (options.dryRun) {
      try {
        await database.$transaction(
          async (tx) => {
            await run((work) => work(tx));
            throw new DryRunRollback();
          },
          { timeout: 6 * 60 * 60 * 1000, maxWait: 60_000 },
        );
      } catch (error) {
        if (!(error instanceof DryRunRollback)) throw error;
      }
      importer.scheduled.length = 0;
      importer.updatedSlugs.length = 0;
    } else {
      await run((work) => database.$transaction(work, { timeout: 10 * 60 * 1000, maxWait: 60_000 }));
      // Every batch built its new rows' search rows in its own transaction; this only repairs
      // any publication left without one by an older version of the import (one index scan).
      await buildMissingSearchDocuments(database);
    }
  } finally {
    // Files started ahead for posts this run did not reach (stopped, or a bad file): none keeps running after it.
    await importer.mediaSettled();
  }
  importer.finishReport();
  return {
    site: importer.site,
    counts: importer.counts,
    report: importer.report,
    scheduled: importer.scheduled,
    interrupted,
    updatedSlugs: importer.updatedSlugs,
  };
}
