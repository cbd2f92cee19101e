import { useId } from 'react';

/** How a series is drawn: a colour AND a pattern, so that no one needs to tell colours apart. */
export interface Series {
  readonly key: string;
  readonly label: string;
  readonly colour: string;
  readonly pattern: Pattern;
}

export type Pattern = 'solid' | 'hatch' | 'dots' | 'cross' | 'stripes';

/** Colours of at least 3:1 against white (WCAG 1.4.11 for graphical objects), distinct in hue and lightness. */
export const COLOURS = ['#00457c', '#1d6b2f', '#a4161a', '#8a5a00', '#5b3c88', '#0a6a8a', '#4a5360'] as const;
export const PATTERNS: readonly Pattern[] = ['solid', 'hatch', 'dots', 'cross', 'stripes'];

/** The n-th series' look: colours and patterns cycle out of step, so neighbours differ in both. */
export function seriesLook(index: number): { colour: string; pattern: Pattern } {
  return {
    colour: COLOURS[index % COLOURS.length] ?? COLOURS[0],
    pattern: PATTERNS[index % PATTERNS.length] ?? 'solid',
  };
}

/** An id prefix safe inside `url(#…)` (React's ids carry characters a CSS url may not). */
export function useSvgId(): string {
  return `c${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

export function fillOf(prefix: string, series: Series): string {
  return series.pattern === 'solid' ? series.colour : `url(#${prefix}-${series.key.replace(/[^a-zA-Z0-9_-]/g, '')})`;
}

/** The patterns of a chart's series, to reference by `fillOf`. */
export function PatternDefs({ prefix, series }: { prefix: string; series: readonly Series[] }) {
  return (
    <defs>
      {series
        .filter((s) => s.pattern !== 'solid')
        .map((s) => (
          <pattern
            key={s.key}
            id={`${prefix}-${s.key.replace(/[^a-zA-Z0-9_-]/g, '')}`}
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform={s.pattern === 'hatch' || s.pattern === 'cross' ? 'rotate(45)' : undefined}
          >
            <rect width="8" height="8" fill={s.colour} />
            {s.pattern === 'hatch' && <line x1="0" y1="0" x2="0" y2="8" stroke="#fff" strokeWidth="3" />}
            {s.pattern === 'stripes' && <line x1="0" y1="2" x2="8" y2="2" stroke="#fff" strokeWidth="2" />}
            {s.pattern === 'dots' && <circle cx="4" cy="4" r="1.6" fill="#fff" />}
            {s.pattern === 'cross' && (
              <>
                <line x1="0" y1="0" x2="0" y2="8" stroke="#fff" strokeWidth="1.5" />
                <line x1="0" y1="0" x2="8" y2="0" stroke="#fff" strokeWidth="1.5" />
              </>
            )}
          </pattern>
        ))}
    </defs>
  );
}

/** The key to a chart's series: a swatch in the series' colour and pattern, and its name in words. */
export function Legend({ series, marker }: { series: readonly Series[]; marker?: 'line' }) {
  const prefix = useSvgId();
  return (
    <ul className="chart-legend">
      {series.map((s, index) => (
        <li key={s.key}>
          <svg width="28" height="16" viewBox="0 0 28 16" aria-hidden="true" focusable="false">
            {marker === 'line' ? (
              <>
                <line
                  x1="1"
                  y1="8"
                  x2="27"
                  y2="8"
                  stroke={s.colour}
                  strokeWidth="3"
                  strokeDasharray={DASHES[index % DASHES.length]}
                />
                <Marker index={index} x={14} y={8} colour={s.colour} />
              </>
            ) : (
              <>
                <PatternDefs prefix={prefix} series={[s]} />
                <rect x="1" y="1" width="26" height="14" fill={fillOf(prefix, s)} stroke={s.colour} />
              </>
            )}
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}

/** Line styles and point shapes of line charts, again so that colour is never the only difference. */
export const DASHES = [undefined, '8 4', '2 4', '12 4 2 4'] as const;

export function Marker({ index, x, y, colour }: { index: number; x: number; y: number; colour: string }) {
  switch (index % 4) {
    case 1:
      return <rect x={x - 4.5} y={y - 4.5} width="9" height="9" fill={colour} />;
    case 2:
      return <polygon points={`${x},${y - 5.5} ${x + 5.5},${y + 4.5} ${x - 5.5},${y + 4.5}`} fill={colour} />;
    case 3:
      return <polygon points={`${x},${y - 6} ${x + 6},${y} ${x},${y + 6} ${x - 6},${y}`} fill={colour} />;
    default:
      return <circle cx={x} cy={y} r="4.5" fill={colour} />;
  }
}
