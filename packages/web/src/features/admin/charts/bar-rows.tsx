import { fillOf, PatternDefs, type Series, useSvgId } from './series';
import { useWidth } from './use-width';

export interface BarRow {
  readonly key: string;
  readonly label: string;
  /** Each series' value; the bar is their stack. */
  readonly values: Readonly<Record<string, number>>;
  /** What is written after the bar (a share, a total). */
  readonly note: string;
}

const LABEL = 20;
const BAR = 22;
const GAP = 14;
const NOTE = 90;
/** About how wide a character of the labels is, to cut a label before it runs past the chart. */
const CHAR_WIDTH = 7.6;

/**
 * Horizontal stacked bars, one per row, each row's name written above its bar (long names of
 * steps would not fit beside it), each segment's figure inside it where it fits.
 */
export function BarRows({
  label,
  rows,
  series,
}: {
  label: string;
  rows: readonly BarRow[];
  series: readonly Series[];
}) {
  const prefix = useSvgId();
  const [frame, chartWidth] = useWidth<HTMLDivElement>(720);
  const maxChars = Math.floor(chartWidth / CHAR_WIDTH);
  const total = (row: BarRow) => series.reduce((sum, s) => sum + (row.values[s.key] ?? 0), 0);
  const max = Math.max(1, ...rows.map(total));
  const scale = (chartWidth - NOTE) / max;
  const height = rows.length * (LABEL + BAR + GAP) + 4;
  return (
    <div ref={frame} className="chart-frame">
      <svg viewBox={`0 0 ${chartWidth} ${height}`} width={chartWidth} height={height} role="img" aria-label={label}>
        <PatternDefs prefix={prefix} series={series} />
        {rows.map((row, index) => {
          const top = index * (LABEL + BAR + GAP);
          let x = 0;
          return (
            <g key={row.key}>
              <text x="0" y={top + 14} className="chart-text">
                {row.label.length > maxChars ? `${row.label.slice(0, maxChars - 1)}…` : row.label}
              </text>
              <rect x="0" y={top + LABEL} width={chartWidth - NOTE} height={BAR} className="chart-track" />
              {series.map((s) => {
                const value = row.values[s.key] ?? 0;
                const width = value * scale;
                const segment = (
                  <g key={s.key}>
                    <rect x={x} y={top + LABEL} width={width} height={BAR} fill={fillOf(prefix, s)} stroke="#fff" />
                    {width >= 28 && (
                      <text
                        x={x + 6}
                        y={top + LABEL + 16}
                        className="chart-text chart-text-inverse"
                        stroke={s.colour}
                        strokeWidth="4"
                        paintOrder="stroke"
                      >
                        {value}
                      </text>
                    )}
                  </g>
                );
                x += width;
                return segment;
              })}
              <text x={x + 8} y={top + LABEL + 16} className="chart-text chart-text-strong">
                {row.note}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
