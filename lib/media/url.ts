/** Public URL of a stored media file (images, PDFs), served from the media route. */
export function mediaUrl(storageKey: string): string {
  return `/media/${storageKey.split("/").map(encodeURIComponent).join("/")}`;
}
