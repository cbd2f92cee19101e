import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/components';
import { formatDate } from '../../ui/format';
import { AdminNav } from './admin-nav';
import { ApplicationsReport } from './applications-report';
import { DeadlinesReport } from './deadlines-report';
import { useLanguage } from './names';
import { PeriodPicker, usePeriod } from './period-picker';
import { SurveyReport } from './survey-report';

/** The administrator's dashboards: applications, deadlines and the survey over one period. */
export function DashboardPage() {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const period = usePeriod();
  return (
    <section className="admin-page">
      <AdminNav />
      <PageHeading title={t('dashboard.title')}>{t('dashboard.title')}</PageHeading>
      <p className="lead">
        {t('dashboard.lead', { from: formatDate(period.from, language), to: formatDate(period.to, language) })}
      </p>
      <PeriodPicker key={`${period.from}/${period.to}`} period={period} />
      <ApplicationsReport period={period} />
      <DeadlinesReport period={period} />
      <SurveyReport period={period} />
    </section>
  );
}
