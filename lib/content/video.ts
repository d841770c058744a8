/**
 * Embedded video: only YouTube (served from youtube-nocookie.com) and Vimeo, and only by
 * their video id, so whatever a writer pastes becomes one of two fixed player URLs.
 * Pure: shared by the editor (to accept a pasted address) and the server renderer.
 */

export const VIDEO_EMBED_HOSTS = ["www.youtube-nocookie.com", "player.vimeo.com"] as const;

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;
const YOUTUBE_HOSTS = new Set([
  "youtube.com",
  "www.youtube.com",
  "m.youtube.com",
  "youtube-nocookie.com",
  "www.youtube-nocookie.com",
]);
const VIMEO_HOSTS = new Set(["vimeo.com", "www.vimeo.com", "player.vimeo.com"]);

function youtubeId(url: URL): string | null {
  if (url.hostname === "youtu.be") return url.pathname.slice(1);
  if (!YOUTUBE_HOSTS.has(url.hostname)) return null;
  if (url.pathname === "/watch") return url.searchParams.get("v");
  const match = url.pathname.match(/^\/(?:embed|shorts|live)\/([^/]+)$/);
  return match?.[1] ?? null;
}

function vimeoId(url: URL): string | null {
  if (!VIMEO_HOSTS.has(url.hostname)) return null;
  const match = url.pathname.match(url.hostname === "player.vimeo.com" ? /^\/video\/([^/]+)$/ : /^\/([^/]+)$/);
  return match?.[1] ?? null;
}

/** The player URL for a YouTube or Vimeo address, or null for anything else. */
export function videoEmbedUrl(address: unknown): string | null {
  if (typeof address !== "string" || address.length > 500) return null;
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || (url.port && url.port !== "443" && url.port !== "80")) return null;
  const youtube = youtubeId(url);
  if (youtube !== null) return YOUTUBE_ID.test(youtube) ? `https://www.youtube-nocookie.com/embed/${youtube}` : null;
  const vimeo = vimeoId(url);
  if (vimeo !== null) return VIMEO_ID.test(vimeo) ? `https://player.vimeo.com/video/${vimeo}` : null;
  return null;
}
