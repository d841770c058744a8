import type { Key, ReactNode } from "react";

/** One column: its header and what each row shows in it (text, a link, a checkbox, a form…). */
export type Column<Row> = {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned, header included: for numbers. */
  align?: "right";
  /** The cell names its row: drawn as <th scope="row">. */
  rowHeader?: boolean;
  /** A narrow gap after the column, as after a row's checkbox. */
  narrow?: boolean;
  /** Extra classes of the column's body cells, e.g. "font-mono" or "tabular-nums". */
  className?: string;
};

type DataTableProps<Row> = {
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  /** Read by screen readers only: what the table lists. */
  caption?: string;
  /** Shown instead of the table when there are no rows; without it, nothing is shown. */
  empty?: ReactNode;
  /** The height of the rows: "compact" for long reports, "relaxed" for rows holding forms. */
  density?: "compact" | "normal" | "relaxed";
  /** Top-aligns cells, for rows whose cells wrap onto several lines. */
  alignTop?: boolean;
  /** Classes of the outermost element (the table, its scrolling box or the empty message), e.g. a margin. */
  className?: string;
  /**
   * Wraps the table in a box that scrolls sideways on narrow screens. A string names the box
   * as a region and makes it focusable, so keyboard users can scroll it.
   */
  scroll?: boolean | string;
};

const ROW_PADDING = { compact: "py-1", normal: "py-2", relaxed: "py-3" } as const;

function cellClass(padding: string, column: Pick<Column<unknown>, "align" | "narrow">, last: boolean, extra?: string) {
  return [padding, last ? null : column.narrow ? "pr-2" : "pr-4", column.align === "right" ? "text-right" : null, extra]
    .filter(Boolean)
    .join(" ");
}

/** The staff pages' table: a header row of column names, a rule under every row. */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  caption,
  empty,
  density = "normal",
  alignTop = false,
  className,
  scroll = false,
}: DataTableProps<Row>) {
  if (rows.length === 0) return empty === undefined ? null : <p className={className}>{empty}</p>;
  const lastIndex = columns.length - 1;
  const padding = ROW_PADDING[density];
  const table = (
    <table className={["w-full text-left text-sm", scroll ? null : className].filter(Boolean).join(" ")}>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead>
        <tr className="border-b border-rule">
          {columns.map((column, index) => (
            <th key={index} scope="col" className={cellClass("py-2", column, index === lastIndex)}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className={alignTop ? "border-b border-rule align-top" : "border-b border-rule"}>
            {columns.map((column, index) => {
              const classes = cellClass(padding, column, index === lastIndex, column.className);
              return column.rowHeader ? (
                <th key={index} scope="row" className={`${classes} font-normal`}>
                  {column.cell(row)}
                </th>
              ) : (
                <td key={index} className={classes}>
                  {column.cell(row)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (!scroll) return table;
  const region = typeof scroll === "string" ? { tabIndex: 0, role: "region", "aria-label": scroll } : {};
  return (
    <div className={["overflow-x-auto", className].filter(Boolean).join(" ")} {...region}>
      {table}
    </div>
  );
}
