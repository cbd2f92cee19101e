import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../ui/format';
import type { Regulation, Step } from './admin-api';
import { CitationText } from './citation';
import { TableRegion } from './table-region';

/** The steps of one process in order from its start, with who does them, their terms and sources. */
export function StepsTable({
  regulation,
  steps,
  caption,
}: {
  regulation: Regulation;
  steps: readonly Step[];
  caption: string;
}) {
  const { t } = useTranslation('admin');
  const localized = useLocalized();
  const role = (id: string) => localized(regulation.roles.find((r) => r.id === id)?.name, id);
  const stepName = (id: string) => localized(steps.find((s) => s.id === id)?.name, id);
  return (
    <TableRegion label={caption}>
      <table className="steps-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('steps.step')}</th>
            <th scope="col">{t('steps.actor')}</th>
            <th scope="col">{t('steps.term')}</th>
            <th scope="col">{t('steps.next')}</th>
            <th scope="col">{t('steps.source')}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step, index) => (
            <tr key={step.id}>
              <th scope="row">
                <span className="step-number">{index + 1}.</span> {localized(step.name, step.id)}
              </th>
              <td>{role(step.actor)}</td>
              <td>
                {step.duration ? (
                  <>
                    <strong>
                      {t(`unit.${step.duration.unit}`, {
                        count: step.duration.max ?? step.duration.value,
                        value:
                          step.duration.max !== undefined
                            ? `${step.duration.value}–${step.duration.max}`
                            : String(step.duration.value),
                      })}
                    </strong>
                    <CitationText source={step.duration.source} />
                  </>
                ) : (
                  t('steps.withinTermOf', { step: stepName(step.withinTermOf ?? '') })
                )}
              </td>
              <td>
                <ul className="plain-list">
                  {step.outcomes.map((outcome) => (
                    <li key={outcome.id}>
                      {'next' in outcome
                        ? `→ ${stepName(outcome.next)}`
                        : `■ ${t(`result.${outcome.end}`, { defaultValue: outcome.end })}`}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <CitationText source={step.source} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
