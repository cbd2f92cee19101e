import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../ui/components';
import { formatPercent } from '../../ui/format';
import { adminApi, type Period } from './admin-api';
import { type BarRow, BarRows } from './charts/bar-rows';
import { ChartFigure, DataTable } from './charts/chart-figure';
import { Legend, type Series } from './charts/series';
import { useLanguage, useNames } from './names';

/** The survey's indicators: the share of the best answer per service and question. */
export function SurveyReport({ period }: { period: Period }) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const names = useNames();
  const query = useQuery({
    queryKey: ['admin', 'report', 'survey', period, language],
    queryFn: () => adminApi.survey(period),
  });
  const items = (query.data ?? []).filter((i) => i.responses > 0);
  const series: Series[] = [
    { key: 'satisfied', label: t('survey.satisfied'), colour: '#1d6b2f', pattern: 'solid' },
    { key: 'other', label: t('survey.other'), colour: '#8a5a00', pattern: 'dots' },
  ];
  const rows: BarRow[] = items.map((i) => {
    const satisfied = Math.round((i.satisfiedShare ?? 0) * i.responses);
    return {
      key: `${i.serviceId}/${i.questionId}`,
      label: `${names.service(i.serviceId)}: ${t(`survey.indicator.${i.indicator}`, { defaultValue: i.indicator })}`,
      values: { satisfied, other: i.responses - satisfied },
      note: formatPercent(i.satisfiedShare, language),
    };
  });
  const title = t('survey.chart');
  return (
    <section aria-labelledby="survey-heading" aria-busy={query.isFetching || undefined}>
      <h2 id="survey-heading">{t('survey.title')}</h2>
      <p className="hint">{t('survey.lead')}</p>
      {query.isPending && <Loading />}
      <ErrorMessage error={query.error} />
      {query.isSuccess && items.length === 0 && <p className="notice">{t('survey.empty')}</p>}
      {items.length > 0 && (
        <ChartFigure
          title={title}
          legend={<Legend series={series} />}
          table={
            <DataTable
              caption={title}
              columns={[t('survey.question'), t('survey.responses'), t('survey.answers'), t('survey.satisfiedShare')]}
              rows={items.map((i) => ({
                key: `${i.serviceId}/${i.questionId}`,
                header: (
                  <>
                    {i.question}
                    <span className="cell-note">{names.service(i.serviceId)}</span>
                  </>
                ),
                cells: [
                  i.responses,
                  Object.values(i.answers)
                    .map((count, index) => `${t('survey.answerN', { n: index + 1 })}: ${count}`)
                    .join('; '),
                  formatPercent(i.satisfiedShare, language),
                ],
              }))}
            />
          }
        >
          <BarRows
            label={`${title}. ${rows.map((r) => `${r.label}: ${r.note}`).join('; ')}`}
            rows={rows}
            series={series}
          />
        </ChartFigure>
      )}
    </section>
  );
}
