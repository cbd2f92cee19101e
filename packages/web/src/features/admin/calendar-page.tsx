import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { ErrorMessage, Loading, PageHeading } from '../../ui/components';
import { todayInAlmaty } from '../../ui/format';
import { adminApi, type CalendarDay, type CalendarYear } from './admin-api';
import { AdminNav } from './admin-nav';
import { DAY_KINDS, DAY_MARK } from './day-kinds';
import { MonthGrid } from './month-grid';
import { useLanguage } from './names';

/** /admin/calendars opens this year's calendar. */
export function CurrentCalendar() {
  return <Navigate to={`/admin/calendars/${todayInAlmaty().slice(0, 4)}`} replace />;
}

/** A year of the working-day calendar every legal term is counted in: month by month, with the reasons. */
export function CalendarPage() {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const params = useParams();
  const year = Number(params.year);
  const valid = Number.isInteger(year) && year >= 1900 && year <= 2999;
  const query = useQuery({
    queryKey: ['calendar', year, language],
    queryFn: () => adminApi.calendar(year),
    enabled: valid,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const title = t('calendar.title', { year: valid ? year : params.year });
  return (
    <section className="admin-page">
      <AdminNav />
      <PageHeading title={title}>{title}</PageHeading>
      <nav aria-label={t('calendar.years')} className="year-nav">
        <ul>
          <li>
            <Link to={`/admin/calendars/${year - 1}`}>← {year - 1}</Link>
          </li>
          <li>
            <Link to={`/admin/calendars/${year + 1}`}>{year + 1} →</Link>
          </li>
        </ul>
      </nav>
      {query.isPending && valid && <Loading />}
      <ErrorMessage error={query.error} />
      {query.data && <YearView calendar={query.data} />}
    </section>
  );
}

function YearView({ calendar }: { calendar: CalendarYear }) {
  const { t } = useTranslation('admin');
  const special = new Map<string, CalendarDay>();
  for (const day of [...calendar.daysOff, ...calendar.workedWeekends]) special.set(day.date, day);
  const months = Array.from({ length: 12 }, (_, index) => index + 1);
  return (
    <>
      <dl className="facts panel">
        <dt>{t('calendar.workingDays')}</dt>
        <dd data-testid="working-days">{calendar.workingDays}</dd>
        <dt>{t('calendar.holidays')}</dt>
        <dd>{calendar.daysOff.length}</dd>
        <dt>{t('calendar.workedWeekends')}</dt>
        <dd>{calendar.workedWeekends.length}</dd>
      </dl>
      <CalendarKey />
      <div className="months">
        {months.map((month) => (
          <MonthGrid key={month} year={calendar.year} month={month} special={special} />
        ))}
      </div>
      <h2>{t('calendar.sources')}</h2>
      <ol className="sources">
        {calendar.sources.map((source) => (
          <li key={source.id} id={`source-${source.id}`}>
            <strong>{source.title}</strong>
            {source.ref && <span className="cell-note">{source.ref}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}

/** What the marks of the month grids mean, in words beside each mark. */
function CalendarKey() {
  const { t } = useTranslation('admin');
  return (
    <section aria-labelledby="calendar-key" className="calendar-key">
      <h2 id="calendar-key">{t('calendar.key')}</h2>
      <ul>
        {DAY_KINDS.map((kind) => (
          <li key={kind}>
            <span className={`day-sample day-${kind}`} aria-hidden="true">
              {DAY_MARK[kind]}
            </span>
            {t(`dayKind.${kind}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
