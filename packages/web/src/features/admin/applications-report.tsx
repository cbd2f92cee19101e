import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../ui/components';
import { formatMonth, formatShortDate } from '../../ui/format';
import { type ApplicationCount, adminApi, type Period } from './admin-api';
import { ChartFigure, DataTable } from './charts/chart-figure';
import { type Column, ColumnStack } from './charts/column-stack';
import { LineChart } from './charts/line-chart';
import { Legend, type Series, seriesLook } from './charts/series';
import { useLanguage } from './names';
import { type Bucket, bucketsOf } from './period';

/** Where an application stands, with the completed ones told apart by their result. */
export const OUTCOMES = ['in_progress', 'waiting_applicant', 'granted', 'refused', 'withdrawn'] as const;
export const CHANNELS = ['portal', 'service_centre', 'authority_office'] as const;

/** Granted in green, refused in red, the rest in neutral colours; each with a pattern of its own. */
const OUTCOME_LOOK: Readonly<Record<(typeof OUTCOMES)[number], Pick<Series, 'colour' | 'pattern'>>> = {
  in_progress: { colour: '#00457c', pattern: 'stripes' },
  waiting_applicant: { colour: '#8a5a00', pattern: 'dots' },
  granted: { colour: '#1d6b2f', pattern: 'solid' },
  refused: { colour: '#a4161a', pattern: 'hatch' },
  withdrawn: { colour: '#4a5360', pattern: 'cross' },
};

function outcomeOf(item: ApplicationCount): string {
  if (item.status !== 'completed') return item.status;
  return item.result === 'motivated_refusal' ? 'refused' : 'granted';
}

function tally(items: readonly ApplicationCount[], by: (i: ApplicationCount) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[by(item)] = (counts[by(item)] ?? 0) + item.count;
  return counts;
}

/** Applications received in the period, by status and by channel, one column or point per week or month. */
export function ApplicationsReport({ period }: { period: Period }) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const buckets = bucketsOf(period);
  const queries = useQueries({
    queries: buckets.map((bucket) => ({
      queryKey: ['admin', 'report', 'applications', { from: bucket.from, to: bucket.to }],
      queryFn: () => adminApi.applications(bucket),
    })),
  });
  const pending = queries.some((q) => q.isPending);
  const fetching = queries.some((q) => q.isFetching);
  const error = queries.find((q) => q.error)?.error ?? null;

  const range = (bucket: Bucket) =>
    bucket.from === bucket.to
      ? formatShortDate(bucket.from, language)
      : `${formatShortDate(bucket.from, language)} – ${formatShortDate(bucket.to, language)}`;
  const label = (bucket: Bucket) =>
    bucket.unit === 'month' ? formatMonth(bucket.from, language, 'short') : formatShortDate(bucket.from, language);
  const columnsBy = (by: (i: ApplicationCount) => string): Column[] =>
    buckets.map((bucket, index) => ({
      key: bucket.from,
      label: label(bucket),
      values: tally(queries[index]?.data ?? [], by),
    }));
  const statusColumns = columnsBy(outcomeOf);
  const channelColumns = columnsBy((i) => i.channel);
  const all = queries.flatMap((q) => q.data ?? []);
  const total = all.reduce((sum, i) => sum + i.count, 0);

  const outcomeSeries: Series[] = OUTCOMES.map((key) => ({ key, label: t(`outcome.${key}`), ...OUTCOME_LOOK[key] }));
  const channelSeries: Series[] = CHANNELS.map((key, index) => ({
    key,
    label: t(`channel.${key}`),
    ...seriesLook(index),
  }));
  const unit = buckets[0]?.unit ?? 'week';
  const sliceHeader = t(`applications.${unit}`);

  const table = (caption: string, columns: Column[], series: Series[]) => (
    <DataTable
      caption={caption}
      columns={[sliceHeader, ...series.map((s) => s.label), t('applications.total')]}
      rows={columns.map((column, index) => {
        const bucket = buckets[index];
        const values = series.map((s) => column.values[s.key] ?? 0);
        return {
          key: column.key,
          header: bucket ? <span className="nowrap">{range(bucket)}</span> : column.label,
          cells: [...values, values.reduce((a, b) => a + b, 0)],
        };
      })}
    />
  );

  const statusTitle = t('applications.byStatus');
  const channelTitle = t('applications.byChannel');
  return (
    <section aria-labelledby="applications-heading" aria-busy={fetching || undefined}>
      <h2 id="applications-heading">{t('applications.title')}</h2>
      <p className="hint">{t('applications.lead', { count: buckets.length, unit: sliceHeader.toLowerCase() })}</p>
      {pending && <Loading />}
      <ErrorMessage error={error} />
      {!pending && (
        <>
          <p className="report-total" data-testid="applications-total">
            {t('applications.received', { count: total })}
          </p>
          <div className="chart-pair">
            <ChartFigure
              title={statusTitle}
              legend={<Legend series={outcomeSeries} />}
              table={table(statusTitle, statusColumns, outcomeSeries)}
            >
              <ColumnStack
                label={summaryName(statusTitle, outcomeSeries, all, outcomeOf, t)}
                columns={statusColumns}
                series={outcomeSeries}
              />
            </ChartFigure>
            <ChartFigure
              title={channelTitle}
              legend={<Legend series={channelSeries} marker="line" />}
              table={table(channelTitle, channelColumns, channelSeries)}
            >
              <LineChart
                label={summaryName(channelTitle, channelSeries, all, (i) => i.channel, t)}
                columns={channelColumns}
                series={channelSeries}
              />
            </ChartFigure>
          </div>
        </>
      )}
    </section>
  );
}

/** The chart's accessible name: its title and each series' total over the period. */
function summaryName(
  title: string,
  series: readonly Series[],
  items: readonly ApplicationCount[],
  by: (i: ApplicationCount) => string,
  t: (key: string) => string,
): string {
  const totals = tally(items, by);
  return `${title}. ${series.map((s) => `${s.label}: ${totals[s.key] ?? 0}`).join('; ')}. ${t('chart.seeTable')}`;
}
