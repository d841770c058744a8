/**
 * What a saved body becomes: the cleaned document (schema.ts), its HTML rendered by our
 * escaping renderer and passed through the sanitizer, and its word count.
 */
import { countWords, documentPlainText, renderDocumentHtml, type ProseMirrorDoc } from "./render-html";
import { sanitizeBodyHtml } from "./sanitize";
import type { BodyDocument } from "./schema";

export type RenderedBody = { bodyHtml: string; wordCount: number };

export function renderBody(doc: BodyDocument): RenderedBody {
  const document = doc as ProseMirrorDoc;
  return {
    bodyHtml: sanitizeBodyHtml(renderDocumentHtml(document)),
    wordCount: countWords(documentPlainText(document)),
  };
}
