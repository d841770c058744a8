import Link from "next/link";
import { formatCount } from "@/lib/format/numbers";

type Props = { page: number; pageCount: number; hrefFor: (page: number) => string };

/** Previous/next and a window of page numbers; every page has its own stable URL. */
export function Pagination({ page, pageCount, hrefFor }: Props) {
  if (pageCount <= 1) return null;
  const pages = pageWindow(page, pageCount);
  const linkClass = "rounded border border-rule px-3 py-1.5 hover:bg-gray-100";
  return (
    <nav aria-label="Pagination" className="mt-8">
      <ul className="flex flex-wrap items-center gap-2 text-sm">
        {page > 1 && (
          <li>
            <Link href={hrefFor(page - 1)} rel="prev" className={linkClass}>
              Previous
            </Link>
          </li>
        )}
        {pages.map((number, index) =>
          number === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-muted">
              …
            </li>
          ) : (
            <li key={number}>
              {number === page ? (
                <span aria-current="page" className="rounded bg-accent px-3 py-1.5 font-semibold text-white">
                  {formatCount(number)}
                </span>
              ) : (
                <Link href={hrefFor(number)} className={linkClass} aria-label={`Page ${formatCount(number)}`}>
                  {formatCount(number)}
                </Link>
              )}
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <Link href={hrefFor(page + 1)} rel="next" className={linkClass}>
              Next
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** 1 … 4 5 [6] 7 8 … 314 */
function pageWindow(page: number, pageCount: number): Array<number | null> {
  const numbers = new Set(
    [1, pageCount, page - 2, page - 1, page, page + 1, page + 2].filter((n) => n >= 1 && n <= pageCount),
  );
  const sorted = [...numbers].sort((a, b) => a - b);
  const result: Array<number | null> = [];
  for (const number of sorted) {
    const previous = result[result.length - 1];
    if (typeof previous === "number" && number - previous > 1) result.push(null);
    result.push(number);
  }
  return result;
}
