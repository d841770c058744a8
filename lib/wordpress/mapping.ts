/**
 * Pure decisions of the WordPress import: which publication type a post becomes, which
 * workflow state each WordPress status maps to, dates, slugs and the old addresses that
 * must keep answering. No database here, so each rule is tested on its own.
 */
import { slugify } from "@/lib/format/slug";
import { legacyKey } from "@/lib/http/legacy-redirects.mjs";
import type { WxrItem } from "./wxr-types";

/** The publication types an import may need, created when missing (as the demo catalog names them). */
export const IMPORT_PUBLICATION_TYPES = [
  { slug: "commentary", name: "Commentary", pluralName: "Commentaries" },
  { slug: "op-ed", name: "Op-Ed", pluralName: "Op-Eds" },
  { slug: "issue-brief", name: "Issue Brief", pluralName: "Issue Briefs" },
  { slug: "podcast", name: "Podcast", pluralName: "Podcasts" },
  { slug: "video", name: "Video", pluralName: "Videos" },
  { slug: "report", name: "Report", pluralName: "Reports" },
  { slug: "press-release", name: "Press Release", pluralName: "Press Releases" },
] as const;

export const DEFAULT_PUBLICATION_TYPE = "commentary";

/**
 * WordPress category slugs and post formats → publication type slugs. A site's own names
 * are added with --type-map (e.g. "analysis=report"); the first match in the post's terms wins,
 * post formats before categories; anything else is a Commentary.
 */
export const DEFAULT_TYPE_MAPPING: Readonly<Record<string, string>> = {
  "post-format-video": "video",
  "post-format-audio": "podcast",
  reports: "report",
  report: "report",
  "issue-briefs": "issue-brief",
  "issue-brief": "issue-brief",
  briefs: "issue-brief",
  "op-eds": "op-ed",
  "op-ed": "op-ed",
  oped: "op-ed",
  podcasts: "podcast",
  podcast: "podcast",
  videos: "video",
  video: "video",
  "press-releases": "press-release",
  "press-release": "press-release",
  news: "press-release",
  commentary: "commentary",
};

export function publicationTypeFor(item: WxrItem, mapping: Readonly<Record<string, string>>): string {
  const formats = item.terms.filter((term) => term.domain === "post_format");
  const categories = item.terms.filter((term) => term.domain === "category");
  for (const term of [...formats, ...categories]) {
    const type = mapping[term.nicename];
    if (type) return type;
  }
  return DEFAULT_PUBLICATION_TYPE;
}

export type WorkflowState = {
  status: "DRAFT" | "IN_REVIEW" | "SCHEDULED" | "PUBLISHED";
  publishedAt: Date | null;
  /** Why the state is not the obvious one, for the report. */
  note?: string;
};

/** "2023-12-01 09:00:00" (WordPress's GMT columns) → a Date, or null for the zero date. */
export function wordPressGmtDate(value: string): Date | null {
  const match = value.match(/^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/);
  if (!match || match[1] === "0000") return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * WordPress statuses → Quire's workflow. Nothing that was not public in WordPress becomes
 * public: private and password-protected posts become drafts; future posts are scheduled
 * for their date (post_date_gmt). `null`: not imported (trash, revisions, auto-drafts).
 */
export function workflowStateFor(item: WxrItem, now = new Date()): WorkflowState | null {
  const date = wordPressGmtDate(item.postDateGmt);
  const protectedNote = item.password ? "password-protected in WordPress: imported as a draft" : null;
  switch (item.status) {
    case "publish":
      if (protectedNote) return { status: "DRAFT", publishedAt: null, note: protectedNote };
      if (!date) return { status: "DRAFT", publishedAt: null, note: "published without a date: imported as a draft" };
      return date > now ? { status: "SCHEDULED", publishedAt: date } : { status: "PUBLISHED", publishedAt: date };
    case "future":
      if (protectedNote) return { status: "DRAFT", publishedAt: null, note: protectedNote };
      if (!date) return { status: "DRAFT", publishedAt: null, note: "scheduled without a date: imported as a draft" };
      return date > now
        ? { status: "SCHEDULED", publishedAt: date }
        : { status: "SCHEDULED", publishedAt: date, note: "its scheduled date has passed: it goes live at once" };
    case "private":
      return { status: "DRAFT", publishedAt: null, note: "private in WordPress: imported as a draft" };
    case "pending":
      return { status: "IN_REVIEW", publishedAt: null };
    case "draft":
      return { status: "DRAFT", publishedAt: null };
    default:
      return null;
  }
}

/** A readable slug: WordPress's post_name (percent-decoded, romanised when not Latin) or the title. */
export function slugFor(item: Pick<WxrItem, "postName" | "title" | "postId">): string {
  let name = item.postName;
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded after all.
  }
  const fromName = name ? slugify(name) : "untitled";
  if (fromName !== "untitled") return fromName;
  const fromTitle = slugify(item.title);
  return fromTitle !== "untitled" ? fromTitle : `post-${item.postId}`;
}

/** Summary from an excerpt: text only, whitespace folded, at most 2,000 characters. */
export function summaryFromExcerpt(excerpt: string): string {
  return excerpt
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&#8217;/g, "’")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 2000);
}

/** The old address an item's <link> or <guid> names, as a legacy key, when it is on the old site. */
export function legacyKeyOfUrl(address: string, baseUrls: readonly string[]): string | null {
  if (!address) return null;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return address.startsWith("/") ? legacyKey(address) : null;
  }
  const sameSite = baseUrls.some((base) => {
    try {
      return new URL(base).host === url.host;
    } catch {
      return false;
    }
  });
  if (!sameSite) return null;
  return legacyKey(url.pathname + url.search);
}

/** The path below wp-content/uploads an address names ("2023/12/launch.jpg"), or null. */
export function uploadsPath(address: string): string | null {
  const match = address.match(/\/wp-content\/uploads\/([^?#]+)/);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}

/** The host names of the export's own site (its base site and blog URLs). */
export function siteHosts(siteUrls: readonly string[]): Set<string> {
  const hosts = new Set<string>();
  for (const url of siteUrls) {
    try {
      hosts.add(new URL(url).host.toLowerCase());
    } catch {
      // not a URL: no host
    }
  }
  return hosts;
}

/**
 * An image address found in a body, made absolute against the export's site: null when it
 * is on another host (another site's uploads are not this site's files) or not http(s).
 */
export function addressOnExportedSite(src: string, siteUrls: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(src, siteUrls[0]);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return siteHosts(siteUrls).has(url.host.toLowerCase()) ? url.toString() : null;
}

/** The original of a resized copy WordPress made: "photo-300x200.jpg" → "photo.jpg". */
export function originalUploadPath(relativePath: string): string {
  return relativePath.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, "$1").replace(/-scaled(\.[a-z0-9]+)$/i, "$1");
}

export { legacyKey };
