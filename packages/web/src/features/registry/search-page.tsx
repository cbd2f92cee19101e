import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiUrl } from '../../api/client';
import { ErrorMessage, Loading, PageHeading } from '../../ui/components';
import { useFocusOnError } from './focus-field';
import { type RegistrySearch, useRegistrySearch } from './registry-api';
import { ResultsTable } from './results-table';
import { numberError, problemsOf, searchFromUrl, urlFromForm } from './search-criteria';
import { SearchForm } from './search-form';

/** The public registry: search by any criterion, results a page at a time, the query in the URL. */
export function RegistrySearchPage() {
  const { t } = useTranslation('registry');
  const [params, setParams] = useSearchParams();
  const search = searchFromUrl(params);
  const problems = problemsOf(search);
  const valid = !problems.holderId && !problems.name;
  const results = useRegistrySearch(search, valid);
  const typo = numberError(results.error);
  const errors = {
    ...(typo ? { number: typo } : {}),
    ...(problems.holderId ? { holderId: t('search.holderIdInvalid') } : {}),
    ...(problems.name ? { name: t('search.nameTooShort') } : {}),
  };
  useFocusOnError('name', errors.name);
  useFocusOnError('holderId', errors.holderId);
  useFocusOnError('number', errors.number);
  const criteria = params.toString();
  // A new search redraws the form (its fields follow the address): the focus goes to the results it
  // asked for, not to the top of the page. A field in error takes it instead (useFocusOnError).
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const searched = useRef(criteria);
  useEffect(() => {
    if (searched.current === criteria) return;
    searched.current = criteria;
    if (valid) resultsHeading.current?.focus();
  }, [criteria, valid]);
  const { after, ...withoutCursor } = search;
  const nextPage = (next: string) => `?${new URLSearchParams({ ...withoutCursor, after: next })}`;
  const firstPage = `?${new URLSearchParams(withoutCursor)}`;

  return (
    <section className="registry">
      <PageHeading title={t('search.title')}>{t('search.title')}</PageHeading>
      <p className="lead">{t('search.lead')}</p>
      <SearchForm
        key={criteria}
        search={search}
        errors={errors}
        onSearch={(form) => setParams(urlFromForm(form))}
        onClear={() => setParams(new URLSearchParams())}
      />
      <p className="registry-aside">
        <Link to="/registry/verify">{t('search.verifyLink')}</Link>
      </p>

      <section aria-labelledby="registry-results-title" aria-busy={results.isFetching} data-search={criteria}>
        <h2 id="registry-results-title" ref={resultsHeading} tabIndex={-1}>
          {t('search.results')}
        </h2>
        {!valid && (
          <p className="registry-muted" role="alert">
            {t('search.fixFields')}
          </p>
        )}
        {results.isPending && valid && <Loading />}
        {results.error && !typo && <ErrorMessage error={results.error} />}
        {results.data && results.data.items.length === 0 && (
          <p role="status">{describeEmpty(search, t('search.noneFound'), t('search.registryEmpty'))}</p>
        )}
        {results.data && results.data.items.length > 0 && (
          <>
            <p role="status" className="registry-muted">
              {t(after ? 'search.shownAfter' : 'search.shown', { n: results.data.items.length, after })}
            </p>
            <ResultsTable items={results.data.items} caption={t('search.caption')} />
          </>
        )}
        {(after || results.data?.next) && (
          <nav className="actions" aria-label={t('search.paging')}>
            {after && <Link to={firstPage}>{t('search.firstPage')}</Link>}
            {results.data?.next && (
              <Link className="button button-secondary registry-next" to={nextPage(results.data.next)}>
                {t('search.nextPage')}
              </Link>
            )}
          </nav>
        )}
      </section>

      <section className="panel registry-open-data" aria-labelledby="registry-open-data">
        <h2 id="registry-open-data">{t('export.title')}</h2>
        <p>{t('export.text')}</p>
        <ul>
          <li>
            <a href={apiUrl('/registry/export.csv')} download="licences.csv">
              {t('export.csv')}
            </a>
          </li>
          <li>
            <a href={apiUrl('/registry/export.json')} download="licences.json">
              {t('export.json')}
            </a>
          </li>
        </ul>
      </section>
    </section>
  );
}

function describeEmpty(search: RegistrySearch, noneFound: string, registryEmpty: string): string {
  const { after: _after, limit: _limit, ...criteria } = search;
  return Object.keys(criteria).length > 0 ? noneFound : registryEmpty;
}
