/**
 * What a saved body becomes: the cleaned document (schema.ts), its HTML rendered by our
 * escaping renderer and passed through the sanitizer, and its word count.
 */
import {
  countWords,
  documentPlainText,
  renderDocumentHtml,
  type ProseMirrorDoc,
  type RenderOptions,
} from "./render-html";
import { sanitizeBodyHtml } from "./sanitize";
import type { BodyDocument } from "./schema";

export type RenderedBody = { bodyHtml: string; wordCount: number };

/** `options.imageHosts`: where images may come from besides the media library (CONTENT_IMAGE_HOSTS). */
export function renderBody(doc: BodyDocument, options: RenderOptions = {}): RenderedBody {
  const document = doc as ProseMirrorDoc;
  return {
    bodyHtml: sanitizeBodyHtml(renderDocumentHtml(document, options), options),
    wordCount: countWords(documentPlainText(document)),
  };
}
