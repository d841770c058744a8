import { CopyButton } from "@/components/ui/copy-button";
import { CITATION_FORMATS, type CitationInput } from "@/lib/format/citation";

/** Every format rendered on the server; a disclosure keeps it out of the way. */
export function CiteThis({ citation }: { citation: CitationInput }) {
  return (
    <details className="cite-this mt-10 rounded border border-rule p-4">
      <summary className="cursor-pointer font-semibold">Cite this</summary>
      <dl className="mt-4 space-y-4">
        {CITATION_FORMATS.map(({ id, label, format }) => {
          const text = format(citation);
          return (
            <div key={id}>
              <dt className="flex items-center justify-between gap-4 text-sm font-semibold">
                {label}
                <CopyButton text={text} label={`Copy ${label} citation`} />
              </dt>
              <dd className="mt-1 whitespace-pre-wrap break-words rounded bg-gray-50 p-2 font-mono text-sm">{text}</dd>
            </div>
          );
        })}
      </dl>
    </details>
  );
}
