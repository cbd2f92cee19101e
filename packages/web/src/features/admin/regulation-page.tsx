import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorMessage, Loading, PageHeading } from '../../ui/components';
import { formatDate, useLocalized } from '../../ui/format';
import { adminApi, type Regulation } from './admin-api';
import { AdminNav } from './admin-nav';
import { CitationText } from './citation';
import { REFERENCE, useLanguage } from './names';
import { StepsTable } from './steps-table';
import { TableRegion } from './table-region';

const BpmnDiagram = lazy(() => import('./bpmn-diagram').then((m) => ({ default: m.BpmnDiagram })));

/** One regulation version: its legal basis and roles, and per request kind the process as a diagram and a table. */
export function RegulationPage() {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['admin', 'regulation', id],
    queryFn: () => adminApi.regulation(id),
    ...REFERENCE,
  });
  const regulation = query.data;
  const title = regulation ? localized(regulation.service.name, id) : t('regulation.title');
  return (
    <section className="admin-page">
      <AdminNav />
      <p className="breadcrumb">
        <Link to="/admin/regulations">← {t('regulations.title')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {query.isPending && <Loading />}
      <ErrorMessage error={query.error} />
      {regulation && <RegulationDetails regulation={regulation} />}
    </section>
  );
}

function RegulationDetails({ regulation }: { regulation: Regulation }) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const localized = useLocalized();
  const [params, setParams] = useSearchParams();
  const kinds = regulation.requestKinds;
  const kind = kinds.find((k) => k.kind === params.get('kind')) ?? kinds[0];
  const basis = regulation.legalBasis;
  return (
    <>
      <dl className="facts panel">
        <dt>{t('regulation.version')}</dt>
        <dd>
          <code>{regulation.id}</code>
        </dd>
        <dt>{t('regulation.inForce')}</dt>
        <dd>
          {regulation.repealedOn
            ? t('regulations.between', {
                from: formatDate(regulation.effectiveFrom, language),
                to: formatDate(regulation.repealedOn, language),
              })
            : t('regulations.since', { date: formatDate(regulation.effectiveFrom, language) })}
        </dd>
        <dt>{t('regulation.basis')}</dt>
        <dd>
          {localized(basis.title)}
          {basis.number && ` № ${basis.number}`}
          {basis.date && `, ${formatDate(basis.date, language)}`} — {localized(basis.issuer)}
          <CitationText source={basis.source} />
        </dd>
        <dt>{t('regulation.authority')}</dt>
        <dd>
          {localized(regulation.authority.name)}
          <CitationText source={regulation.authority.source} />
        </dd>
      </dl>

      <h2>{t('regulation.roles')}</h2>
      <TableRegion label={t('regulation.rolesCaption')}>
        <table>
          <caption>{t('regulation.rolesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('regulation.role')}</th>
              <th scope="col">{t('regulation.roleKind')}</th>
              <th scope="col">{t('steps.source')}</th>
            </tr>
          </thead>
          <tbody>
            {regulation.roles.map((role) => (
              <tr key={role.id}>
                <th scope="row">
                  {localized(role.name, role.id)} <code className="muted">{role.id}</code>
                </th>
                <td>{t(`roleKind.${role.kind}`)}</td>
                <td>
                  <CitationText source={role.source} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>

      <h2>{t('regulation.processes')}</h2>
      <nav aria-label={t('regulation.kinds')} className="kind-tabs">
        <ul>
          {kinds.map((k) => (
            <li key={k.kind}>
              <Link
                to={`?kind=${k.kind}`}
                aria-current={k.kind === kind?.kind ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  setParams({ kind: k.kind }, { replace: true });
                }}
              >
                {t(`kind.${k.kind}`, { defaultValue: k.kind })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {kind && <KindProcess regulation={regulation} kind={kind} />}
    </>
  );
}

function KindProcess({ regulation, kind }: { regulation: Regulation; kind: Regulation['requestKinds'][number] }) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const process = regulation.processes.find((p) => p.id === kind.process);
  const bpmn = useQuery({
    queryKey: ['regulation-bpmn', regulation.id, kind.kind, language],
    queryFn: () => adminApi.bpmn(regulation.id, kind.kind),
    ...REFERENCE,
  });
  const kindName = t(`kind.${kind.kind}`, { defaultValue: kind.kind });
  const term = kind.term;
  return (
    <>
      <h3>{t('regulation.processOf', { kind: kindName })}</h3>
      <dl className="facts">
        <dt>{t('regulation.term')}</dt>
        <dd>
          {t(`unit.${term.unit}`, { count: term.value, value: String(term.value) })}
          {term.derived && <span className="cell-note">{term.derived}</span>}
          <CitationText source={term.source} />
        </dd>
        <dt>{t('regulation.results')}</dt>
        <dd>{kind.results.map((r) => t(`result.${r}`, { defaultValue: r })).join(', ')}</dd>
      </dl>
      <div className="process-layout">
        <figure className="process-diagram" aria-labelledby="bpmn-caption">
          <figcaption id="bpmn-caption">
            {t('regulation.diagram', { kind: kindName })}
            <span className="hint">{t('regulation.diagramHint')}</span>
          </figcaption>
          {bpmn.isPending && <Loading />}
          <ErrorMessage error={bpmn.error} />
          {bpmn.data && (
            <Suspense fallback={<Loading />}>
              <BpmnDiagram xml={bpmn.data} id="bpmn-diagram" />
            </Suspense>
          )}
        </figure>
        {process && (
          <StepsTable regulation={regulation} steps={process.steps} caption={t('steps.caption', { kind: kindName })} />
        )}
      </div>
    </>
  );
}
