/**
 * Cleans HTML pasted from Word or Google Docs before the editor parses it: Office
 * conditional comments and XML, style blocks, inline styles, classes, mso-* leftovers,
 * wrapper spans and fonts go; images go too (they come from the media library, with alt
 * text). The editor's schema then drops whatever else it does not know.
 */
export function cleanPastedHtml(html: string): string {
  return (
    html
      // Word: <!--[if gte mso 9]>…<![endif]--> and other comments, <xml>, <style>, <meta>, <link>
      .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(xml|style|script|head|title)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(/<\/?(meta|link|o:p|w:[a-z]+|v:[a-z]+|font|span|img)\b[^>]*>/gi, "")
      // Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid-…">.
      .replace(/<b\b[^>]*id="docs-internal-guid-[^"]*"[^>]*>([\s\S]*)<\/b>/i, "$1")
      .replace(/\s(style|class|lang|align|id|width|height|dir|face|size|color)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "")
      .replace(/&nbsp;/g, " ")
  );
}
