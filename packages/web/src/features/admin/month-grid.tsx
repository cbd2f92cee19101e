import { useTranslation } from 'react-i18next';
import { formatDate, formatMonth, weekdayNames } from '../../ui/format';
import type { CalendarDay } from './admin-api';
import { DAY_MARK } from './day-kinds';
import { useLanguage } from './names';

interface Cell {
  readonly date: string;
  readonly day: number;
  readonly kind: string;
  readonly reason: string | null;
}

function cellsOf(year: number, month: number, special: ReadonlyMap<string, CalendarDay>): (Cell | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7;
  const cells: (Cell | null)[] = Array.from({ length: offset }, () => null);
  for (let day = 1; day <= days; day += 1) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const weekday = (offset + day - 1) % 7;
    const known = special.get(date);
    const kind = known?.kind ?? (weekday >= 5 ? 'weekend' : 'working');
    cells.push({ date, day, kind, reason: known?.reason ?? null });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/**
 * One month as a table (caption, weekday headers), each day marked by kind with a sign and in
 * words for screen readers, and the month's days off and worked weekends listed with their reasons.
 */
export function MonthGrid({
  year,
  month,
  special,
}: {
  year: number;
  month: number;
  special: ReadonlyMap<string, CalendarDay>;
}) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const weeks = cellsOf(year, month, special);
  const short = weekdayNames(language, 'short');
  const long = weekdayNames(language, 'long');
  const listed = [...special.values()].filter((d) => d.date.startsWith(first.slice(0, 7)));
  const name = formatMonth(first, language);
  return (
    <section className="month" aria-label={name}>
      <table className="month-grid">
        <caption>{name}</caption>
        <thead>
          <tr>
            {short.map((day, index) => (
              <th key={day} scope="col" abbr={long[index]}>
                {day}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.find((c) => c)?.date}>
              {week.map((cell, index) =>
                cell ? (
                  <td
                    key={cell.date}
                    className={`day day-${cell.kind}`}
                    data-date={cell.date}
                    title={cell.reason ?? undefined}
                  >
                    <span aria-hidden="true">
                      {cell.day}
                      {DAY_MARK[cell.kind] && <span className="day-mark">{DAY_MARK[cell.kind]}</span>}
                    </span>
                    <span className="visually-hidden">
                      {cell.day}, {t(`dayKind.${cell.kind}`, { defaultValue: cell.kind })}
                      {cell.reason ? `: ${cell.reason}` : ''}
                    </span>
                  </td>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: an empty cell before or after the month
                  <td key={index} className="day day-none" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {listed.length > 0 && (
        <ul className="month-days">
          {listed.map((day) => (
            <li key={day.date} data-date={day.date}>
              <time dateTime={day.date}>{formatDate(day.date, language)}</time>{' '}
              <span className={`badge day-badge day-${day.kind}`}>
                {DAY_MARK[day.kind]} {t(`dayShort.${day.kind}`, { defaultValue: day.kind })}
              </span>{' '}
              {day.reason}
              {day.sources.length > 0 && (
                <span className="cell-note">
                  {t('calendar.source')}{' '}
                  {day.sources.map((s, i) => (
                    <span key={s}>
                      {i > 0 && ', '}
                      <a href={`#source-${s}`}>{s}</a>
                    </span>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
