/**
 * Showing an email's HTML inside the admin: in an <iframe sandbox srcdoc>, with a
 * Content-Security-Policy that forbids scripts, forms and loads from anywhere but images,
 * so a message (ours, or a hostile one in the outbox) can neither run code nor call home.
 */
const EMAIL_PREVIEW_CSP = "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; font-src https:";

export function sandboxedSrcDoc(html: string): string {
  const policy = `<meta http-equiv="Content-Security-Policy" content="${EMAIL_PREVIEW_CSP}">`;
  // First thing in the document, before anything the message itself could put there.
  return `<!doctype html><html><head>${policy}<base target="_blank"></head><body>${html}</body></html>`;
}
