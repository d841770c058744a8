import { ChartFrame, MonthAxis, monthLabel, niceMax, numberFormat, SERIES_COLOURS, YAxis } from "./chart-frame";

const WIDTH = 720;
const HEIGHT = 260;
const PLOT = { left: 44, top: 12, width: WIDTH - 56, height: HEIGHT - 48 };

type Series = { name: string; counts: number[] };

/** The chart's drawing, named and described by the frame's title and summary for screen readers. */
function ChartSvg({ id, height, children }: { id: string; height: number; children: React.ReactNode }) {
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      className="h-auto w-full"
    >
      {children}
    </svg>
  );
}

/** A chart by month: value grid on the left, month labels below, the marks in between. */
function MonthlyPlot({
  id,
  max,
  months,
  step,
  children,
}: {
  id: string;
  max: number;
  months: string[];
  step: number;
  children: React.ReactNode;
}) {
  return (
    <ChartSvg id={id} height={HEIGHT}>
      <YAxis max={max} width={PLOT.width} height={PLOT.height} left={PLOT.left} top={PLOT.top} />
      <g aria-hidden="true">{children}</g>
      <MonthAxis months={months} left={PLOT.left} step={step} y={HEIGHT - 16} />
    </ChartSvg>
  );
}

/** Publications per month, one stacked bar per month, one colour per type. */
export function StackedBarChart({
  id,
  title,
  months,
  series,
}: {
  id: string;
  title: string;
  months: string[];
  series: Series[];
}) {
  const totals = months.map((_, index) => series.reduce((sum, one) => sum + (one.counts[index] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const step = PLOT.width / Math.max(1, months.length);
  const barWidth = Math.max(2, step * 0.7);
  const scale = (value: number) => (value / max) * PLOT.height;
  const total = totals.reduce((sum, value) => sum + value, 0);
  const busiest = totals.indexOf(Math.max(...totals));
  const summary =
    total === 0
      ? `No publications went live from ${monthLabel(months[0]!)} to ${monthLabel(months.at(-1)!)}.`
      : `${numberFormat.format(total)} publications from ${monthLabel(months[0]!)} to ${monthLabel(months.at(-1)!)}, by type: ${series
          .map((one) => `${one.name} ${numberFormat.format(one.counts.reduce((sum, value) => sum + value, 0))}`)
          .join(
            ", ",
          )}. The busiest month was ${monthLabel(months[busiest]!)} with ${numberFormat.format(totals[busiest]!)}.`;
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={summary}
      table={{
        caption: `${title}, by month and type`,
        headers: ["Month", ...series.map((one) => one.name), "Total"],
        rows: months.map((month, index) => [
          monthLabel(month),
          ...series.map((one) => one.counts[index] ?? 0),
          totals[index]!,
        ]),
      }}
    >
      <MonthlyPlot id={id} max={max} months={months} step={step}>
        {months.map((month, index) => {
          let base = PLOT.top + PLOT.height;
          return (
            <g key={month}>
              {series.map((one, seriesIndex) => {
                const height = scale(one.counts[index] ?? 0);
                base -= height;
                return height > 0 ? (
                  <rect
                    key={one.name}
                    x={PLOT.left + index * step + (step - barWidth) / 2}
                    y={base}
                    width={barWidth}
                    height={height}
                    fill={SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length]}
                  >
                    <title>{`${monthLabel(month)}, ${one.name}: ${one.counts[index]}`}</title>
                  </rect>
                ) : null;
              })}
            </g>
          );
        })}
      </MonthlyPlot>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Legend">
        {series.map((one, index) => (
          <li key={one.name} className="flex items-center gap-1">
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" fill={SERIES_COLOURS[index % SERIES_COLOURS.length]} />
            </svg>
            {one.name}
          </li>
        ))}
      </ul>
    </ChartFrame>
  );
}

/** Subscriber growth: bars for each month's confirmations, a line for the running total. */
export function GrowthChart({
  id,
  title,
  months,
  perMonth,
  cumulative,
}: {
  id: string;
  title: string;
  months: string[];
  perMonth: number[];
  cumulative: number[];
}) {
  const max = niceMax(Math.max(0, ...cumulative));
  const step = PLOT.width / Math.max(1, months.length);
  const y = (value: number) => PLOT.top + PLOT.height - (value / max) * PLOT.height;
  const points = cumulative.map((value, index) => `${PLOT.left + index * step + step / 2},${y(value)}`).join(" ");
  const added = perMonth.reduce((sum, value) => sum + value, 0);
  const summary = `${numberFormat.format(cumulative.at(-1) ?? 0)} confirmed subscriptions by ${monthLabel(months.at(-1)!)}, ${numberFormat.format(added)} of them confirmed since ${monthLabel(months[0]!)}.`;
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={summary}
      table={{
        caption: `${title}, by month`,
        headers: ["Month", "Confirmed that month", "Total confirmed"],
        rows: months.map((month, index) => [monthLabel(month), perMonth[index]!, cumulative[index]!]),
      }}
    >
      <MonthlyPlot id={id} max={max} months={months} step={step}>
        {perMonth.map((value, index) =>
          value > 0 ? (
            <rect
              key={months[index]}
              x={PLOT.left + index * step + step * 0.15}
              y={y(value)}
              width={step * 0.7}
              height={PLOT.top + PLOT.height - y(value)}
              fill="#9fc3e3"
            />
          ) : null,
        )}
        <polyline points={points} fill="none" stroke={SERIES_COLOURS[0]} strokeWidth="2.5" />
      </MonthlyPlot>
      <p className="mt-2 text-sm text-muted">Line: total confirmed. Bars: confirmed that month.</p>
    </ChartFrame>
  );
}

/** Top searches: one horizontal bar per query. */
export function TopSearchesChart({
  id,
  title,
  searches,
}: {
  id: string;
  title: string;
  searches: { query: string; searches: number }[];
}) {
  const rowHeight = 26;
  const labelWidth = 200;
  const height = Math.max(1, searches.length) * rowHeight + 8;
  const max = niceMax(Math.max(0, ...searches.map((search) => search.searches)));
  const barSpace = WIDTH - labelWidth - 60;
  const summary =
    searches.length === 0
      ? "No searches in the last 30 days."
      : `The most searched: ${searches
          .slice(0, 3)
          .map((search) => `“${search.query}” (${numberFormat.format(search.searches)})`)
          .join(", ")}.`;
  return (
    <ChartFrame
      id={id}
      title={title}
      summary={summary}
      table={{
        caption: title,
        headers: ["Search", "Searches"],
        rows: searches.map((search) => [search.query, search.searches]),
      }}
    >
      {searches.length > 0 && (
        <ChartSvg id={id} height={height}>
          <g aria-hidden="true">
            {searches.map((search, index) => {
              const width = (search.searches / max) * barSpace;
              const top = 4 + index * rowHeight;
              return (
                <g key={search.query}>
                  <text x={labelWidth - 8} y={top + 16} textAnchor="end" fontSize="12" fill="#1b1f24">
                    {search.query.length > 28 ? `${search.query.slice(0, 27)}…` : search.query}
                  </text>
                  <rect
                    x={labelWidth}
                    y={top + 3}
                    width={Math.max(2, width)}
                    height={rowHeight - 8}
                    fill={SERIES_COLOURS[0]}
                  />
                  <text x={labelWidth + Math.max(2, width) + 6} y={top + 16} fontSize="12" fill="#1b1f24">
                    {numberFormat.format(search.searches)}
                  </text>
                </g>
              );
            })}
          </g>
        </ChartSvg>
      )}
    </ChartFrame>
  );
}
