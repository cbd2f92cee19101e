import { fillOf, PatternDefs, type Series, useSvgId } from './series';
import { useWidth } from './use-width';

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly values: Readonly<Record<string, number>>;
}

const HEIGHT = 300;
const LEFT = 44;
const BOTTOM = 40;
const TOP = 20;

/** Round steps for an axis: 1, 2, 5 × 10ⁿ, about five lines. */
export function ticksFor(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return ticks;
}

/** Vertical stacked columns over time: one column per period slice, its total written on top. */
export function ColumnStack({
  label,
  columns,
  series,
}: {
  label: string;
  columns: readonly Column[];
  series: readonly Series[];
}) {
  const prefix = useSvgId();
  const [frame, chartWidth] = useWidth<HTMLDivElement>(720);
  const totals = columns.map((c) => series.reduce((sum, s) => sum + (c.values[s.key] ?? 0), 0));
  const ticks = ticksFor(Math.max(0, ...totals));
  const top = ticks[ticks.length - 1] ?? 1;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  const slot = (chartWidth - LEFT) / Math.max(1, columns.length);
  const barWidth = Math.min(48, slot * 0.7);
  const labelEvery = Math.ceil(columns.length / Math.max(2, Math.floor(chartWidth / 90)));
  return (
    <div ref={frame} className="chart-frame">
      <svg viewBox={`0 0 ${chartWidth} ${HEIGHT}`} width={chartWidth} height={HEIGHT} role="img" aria-label={label}>
        <PatternDefs prefix={prefix} series={series} />
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={chartWidth} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end" className="chart-text">
              {tick}
            </text>
          </g>
        ))}
        {columns.map((column, index) => {
          const x = LEFT + index * slot + (slot - barWidth) / 2;
          let base = 0;
          return (
            <g key={column.key}>
              {series.map((s) => {
                const value = column.values[s.key] ?? 0;
                const rect = (
                  <rect
                    key={s.key}
                    x={x}
                    y={y(base + value)}
                    width={barWidth}
                    height={y(base) - y(base + value)}
                    fill={fillOf(prefix, s)}
                    stroke="#fff"
                  />
                );
                base += value;
                return rect;
              })}
              {totals[index] !== undefined && totals[index] > 0 && (
                <text x={x + barWidth / 2} y={y(base) - 5} textAnchor="middle" className="chart-text chart-text-strong">
                  {totals[index]}
                </text>
              )}
              {index % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={HEIGHT - BOTTOM + 18} textAnchor="middle" className="chart-text">
                  {column.label}
                </text>
              )}
            </g>
          );
        })}
        <line x1={LEFT} x2={chartWidth} y1={y(0)} y2={y(0)} className="chart-axis" />
      </svg>
    </div>
  );
}
