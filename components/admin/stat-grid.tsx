import { formatCount } from "@/lib/format/numbers";

/** Labelled counts in boxes, e.g. Sent / Failed / Remaining. */
export function StatGrid({
  stats,
  className = "",
}: {
  stats: ReadonlyArray<readonly [label: string, value: number]>;
  className?: string;
}) {
  return (
    <dl className={`grid max-w-xl grid-cols-2 gap-3 sm:grid-cols-4 ${className}`}>
      {stats.map(([label, value]) => (
        <div key={label} className="rounded border border-rule p-3">
          <dt className="text-sm text-muted">{label}</dt>
          <dd className="text-2xl font-bold">{formatCount(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
