import type { Column } from './column-stack';
import { ticksFor } from './column-stack';
import { DASHES, Marker, type Series } from './series';
import { useWidth } from './use-width';

const HEIGHT = 300;
const LEFT = 44;
const RIGHT = 24;
const BOTTOM = 40;
const TOP = 20;

/** Lines over time, one per series, each with its own dash and point shape as well as its colour. */
export function LineChart({
  label,
  columns,
  series,
}: {
  label: string;
  columns: readonly Column[];
  series: readonly Series[];
}) {
  const [frame, chartWidth] = useWidth<HTMLDivElement>(720);
  const max = Math.max(0, ...columns.flatMap((c) => series.map((s) => c.values[s.key] ?? 0)));
  const ticks = ticksFor(max);
  const top = ticks[ticks.length - 1] ?? 1;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  const step = columns.length > 1 ? (chartWidth - LEFT - RIGHT - 20) / (columns.length - 1) : 0;
  const x = (index: number) => LEFT + 20 + index * step;
  const labelEvery = Math.ceil(columns.length / Math.max(2, Math.floor(chartWidth / 90)));
  return (
    <div ref={frame} className="chart-frame">
      <svg viewBox={`0 0 ${chartWidth} ${HEIGHT}`} width={chartWidth} height={HEIGHT} role="img" aria-label={label}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={chartWidth - RIGHT} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={LEFT - 6} y={y(tick) + 4} textAnchor="end" className="chart-text">
              {tick}
            </text>
          </g>
        ))}
        {columns.map(
          (column, index) =>
            index % labelEvery === 0 && (
              <text key={column.key} x={x(index)} y={HEIGHT - BOTTOM + 18} textAnchor="middle" className="chart-text">
                {column.label}
              </text>
            ),
        )}
        <line x1={LEFT} x2={chartWidth - RIGHT} y1={y(0)} y2={y(0)} className="chart-axis" />
        {series.map((s, seriesIndex) => (
          <g key={s.key}>
            <polyline
              fill="none"
              stroke={s.colour}
              strokeWidth="2.5"
              strokeDasharray={DASHES[seriesIndex % DASHES.length]}
              points={columns.map((c, index) => `${x(index)},${y(c.values[s.key] ?? 0)}`).join(' ')}
            />
            {columns.map((c, index) => (
              <Marker key={c.key} index={seriesIndex} x={x(index)} y={y(c.values[s.key] ?? 0)} colour={s.colour} />
            ))}
          </g>
        ))}
      </svg>
    </div>
  );
}
