import { sandboxedSrcDoc } from "@/lib/mail/preview";

/** An email's HTML part, isolated (see lib/mail/preview.ts). */
export function EmailPreview({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={sandboxedSrcDoc(html)}
      className="h-[36rem] w-full rounded border border-rule bg-white"
    />
  );
}
