import type { ReactNode } from "react";
import { formatAdminMonth } from "@/lib/format/dates";

/** Colours for series: each at least 3:1 against white (WCAG 1.4.11), distinguishable side by side. */
export const SERIES_COLOURS = ["#0b4f8a", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#57534e"];

export const numberFormat = new Intl.NumberFormat("en-US");

/** "2025-03" → "Mar 2025". */
export function monthLabel(key: string): string {
  return formatAdminMonth(new Date(`${key}-01T00:00:00Z`));
}

/** A round upper bound for an axis: 1, 2, 5, 10, 20, 50… */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * magnitude >= value) ?? 10) * magnitude;
}

type FrameProps = {
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows, read by screen readers in place of the drawing. */
  summary: string;
  children: ReactNode;
  /** The same numbers as a table, for anyone who cannot see the chart. */
  table: { caption: string; headers: string[]; rows: (string | number)[][] };
};

/**
 * A chart with its title, a text summary (the SVG's accessible name and description) and
 * the data as a table behind "Show the data".
 */
export function ChartFrame({ id, title, summary, children, table }: FrameProps) {
  return (
    <figure aria-labelledby={`${id}-title`} className="rounded border border-rule p-4">
      <figcaption id={`${id}-title`} className="text-lg font-bold">
        {title}
      </figcaption>
      <p id={`${id}-summary`} className="mt-1 text-sm text-muted">
        {summary}
      </p>
      <div className="mt-3">{children}</div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-accent">Show the data</summary>
        {/* Focusable, so keyboard users can scroll a long table. */}
        <div className="mt-2 max-h-80 overflow-auto" tabIndex={0} role="region" aria-label={`${title}: data`}>
          <table className="w-full text-left">
            <caption className="sr-only">{table.caption}</caption>
            <thead>
              <tr className="border-b border-rule">
                {table.headers.map((header, index) => (
                  <th key={header} scope="col" className={`py-1 pr-3 ${index > 0 ? "text-right" : ""}`}>
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={String(row[0])} className="border-b border-rule">
                  {row.map((cell, index) =>
                    index === 0 ? (
                      <th key={index} scope="row" className="py-1 pr-3 font-normal">
                        {cell}
                      </th>
                    ) : (
                      <td key={index} className="py-1 pr-3 text-right">
                        {typeof cell === "number" ? numberFormat.format(cell) : cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Horizontal grid lines with their values, shared by the vertical charts. */
export function YAxis({
  max,
  width,
  height,
  left,
  top,
}: {
  max: number;
  width: number;
  height: number;
  left: number;
  top: number;
}) {
  return (
    <g aria-hidden="true">
      {[0, 0.5, 1].map((fraction) => {
        const y = top + height - fraction * height;
        return (
          <g key={fraction}>
            <line x1={left} x2={left + width} y1={y} y2={y} stroke="#d9dee5" />
            <text x={left - 6} y={y + 4} textAnchor="end" fontSize="11" fill="#4b5563">
              {numberFormat.format(Math.round(max * fraction))}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Month labels under a vertical chart: every third month, so they never overlap. */
export function MonthAxis({ months, left, step, y }: { months: string[]; left: number; step: number; y: number }) {
  return (
    <g aria-hidden="true">
      {months.map((month, index) =>
        index % 3 === 0 ? (
          <text key={month} x={left + index * step + step / 2} y={y} textAnchor="middle" fontSize="11" fill="#4b5563">
            {monthLabel(month)}
          </text>
        ) : null,
      )}
    </g>
  );
}
