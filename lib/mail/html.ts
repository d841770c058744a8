/** Helpers for the HTML part of emails: escaping and one plain, client-safe layout. */
import { isPlainName } from "@/lib/validations/subscriber";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** A button-like link; mail clients ignore most CSS, so styles are inline. */
export function buttonLink(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}" style="display:inline-block;background:#0b4f8a;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold">${escapeHtml(label)}</a>`;
}

export function textLink(url: string, label: string): string {
  return `<a href="${escapeHtml(url)}" style="color:#0b4f8a">${escapeHtml(label)}</a>`;
}

/** The whole HTML document: `body` and `footer` must already be safe HTML. */
export function emailDocument({
  title,
  siteName,
  body,
  footer,
}: {
  title: string;
  siteName: string;
  body: string;
  footer: string;
}): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;color:#1b1f24;font-family:Georgia,'Times New Roman',serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border:1px solid #d9dee5">
<tr><td style="padding:20px 28px;border-bottom:1px solid #d9dee5;font-size:22px;font-weight:bold">${escapeHtml(siteName)}</td></tr>
<tr><td style="padding:24px 28px;font-size:16px;line-height:1.6">${body}</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #d9dee5;font-family:Arial,sans-serif;font-size:12px;line-height:1.5;color:#4b5563">${footer}</td></tr>
</table></td></tr></table>
</body>
</html>`;
}

/**
 * "Dear Ada,", or "Hello," when there is no name or it is not one we print: a name stored
 * before names were checked (or imported) that holds a link or markup is left out, so no
 * message from the institute's domain carries a stranger's link in its first line.
 */
export function greeting(firstName: string): string {
  const name = firstName.trim();
  return name && isPlainName(name) ? `Dear ${name},` : "Hello,";
}

/** The display name for a To header, on the same terms as the greeting. */
export function recipientName(...parts: string[]): string {
  const name = parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join(" ");
  return isPlainName(name) ? name : "";
}
