import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../ui/components';
import { formatDecimal, formatPercent } from '../../ui/format';
import { adminApi, type Period, type StepCompliance } from './admin-api';
import { type BarRow, BarRows } from './charts/bar-rows';
import { ChartFigure, DataTable } from './charts/chart-figure';
import { Legend, type Series } from './charts/series';
import { useLanguage, useNames } from './names';

/** On time among the steps whose due has come, as the report counts it. */
function compliance(onTime: number, late: number): number | null {
  return onTime + late === 0 ? null : onTime / (onTime + late);
}

/** Deadline compliance: one chart across the authorities, then one per authority by step. */
export function DeadlinesReport({ period }: { period: Period }) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const names = useNames();
  const query = useQuery({
    queryKey: ['admin', 'report', 'deadlines', period, language],
    queryFn: () => adminApi.deadlines(period),
  });
  const series: Series[] = [
    { key: 'onTime', label: t('deadlines.onTime'), colour: '#1d6b2f', pattern: 'solid' },
    { key: 'late', label: t('deadlines.late'), colour: '#a4161a', pattern: 'hatch' },
  ];

  const items = query.data ?? [];
  const authorities = [...new Set(items.map((i) => i.authorityId))];
  const byAuthority: BarRow[] = authorities.map((authorityId) => {
    const own = items.filter((i) => i.authorityId === authorityId);
    const onTime = own.reduce((sum, i) => sum + i.completedOnTime, 0);
    const late = own.reduce((sum, i) => sum + i.late, 0);
    return {
      key: authorityId,
      label: names.organisation(authorityId),
      values: { onTime, late },
      note: formatPercent(compliance(onTime, late), language),
    };
  });

  return (
    <section aria-labelledby="deadlines-heading" aria-busy={query.isFetching || undefined}>
      <h2 id="deadlines-heading">{t('deadlines.title')}</h2>
      <p className="hint">{t('deadlines.lead')}</p>
      {query.isPending && <Loading />}
      <ErrorMessage error={query.error} />
      {query.isSuccess && items.length === 0 && <p>{t('report.empty')}</p>}
      {items.length > 0 && (
        <>
          <ChartFigure
            title={t('deadlines.byAuthority')}
            legend={<Legend series={series} />}
            table={
              <DataTable
                caption={t('deadlines.byAuthority')}
                columns={[
                  t('deadlines.authority'),
                  t('deadlines.onTime'),
                  t('deadlines.late'),
                  t('deadlines.compliance'),
                ]}
                rows={byAuthority.map((row) => ({
                  key: row.key,
                  header: row.label,
                  cells: [row.values.onTime, row.values.late, row.note],
                }))}
              />
            }
          >
            <BarRows
              label={chartName(t('deadlines.byAuthority'), byAuthority, t('chart.seeTable'))}
              rows={byAuthority}
              series={series}
            />
          </ChartFigure>
          {authorities.map((authorityId) => (
            <AuthoritySteps
              key={authorityId}
              authority={names.organisation(authorityId)}
              items={items.filter((i) => i.authorityId === authorityId)}
              series={series}
              service={names.regulation}
            />
          ))}
        </>
      )}
    </section>
  );
}

function AuthoritySteps({
  authority,
  items,
  series,
  service,
}: {
  authority: string;
  items: readonly StepCompliance[];
  series: readonly Series[];
  service: (regulationId: string) => string;
}) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const sorted = [...items].sort((a, b) => a.regulationId.localeCompare(b.regulationId));
  const rows: BarRow[] = sorted.map((i) => ({
    key: `${i.regulationId}/${i.stepId}`,
    label: `${service(i.regulationId)}: ${i.stepName}`,
    values: { onTime: i.completedOnTime, late: i.late },
    note: formatPercent(i.compliance, language),
  }));
  const title = t('deadlines.byStep', { authority });
  return (
    <ChartFigure
      title={title}
      legend={<Legend series={series} />}
      table={
        <DataTable
          caption={title}
          columns={[
            t('deadlines.step'),
            t('deadlines.opened'),
            t('deadlines.completed'),
            t('deadlines.onTime'),
            t('deadlines.late'),
            t('deadlines.compliance'),
            t('deadlines.averageHours'),
          ]}
          rows={sorted.map((i) => ({
            key: `${i.regulationId}/${i.stepId}`,
            header: (
              <>
                {i.stepName}
                <span className="cell-note">{service(i.regulationId)}</span>
              </>
            ),
            cells: [
              i.opened,
              i.completed,
              i.completedOnTime,
              i.late,
              formatPercent(i.compliance, language),
              formatDecimal(i.averageWorkingHours, language),
            ],
          }))}
        />
      }
    >
      <BarRows label={chartName(title, rows, t('chart.seeTable'))} rows={rows} series={series} />
    </ChartFigure>
  );
}

/** The chart's accessible name: its title and the share of each row, the rest in the table. */
function chartName(title: string, rows: readonly BarRow[], seeTable: string): string {
  if (rows.length > 8) return `${title}. ${seeTable}`;
  return `${title}. ${rows.map((r) => `${r.label}: ${r.note}`).join('; ')}. ${seeTable}`;
}
