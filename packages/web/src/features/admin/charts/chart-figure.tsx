import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableRegion } from '../table-region';

/**
 * A chart with its title, a picture with an accessible name, the key, and the same figures as a
 * table: the table is the chart for whoever does not see it, and the exact numbers for whoever does.
 */
export function ChartFigure({
  title,
  description,
  children,
  legend,
  table,
}: {
  title: string;
  description?: string;
  children: ReactNode;
  legend?: ReactNode;
  table: ReactNode;
}) {
  const { t } = useTranslation('admin');
  return (
    <figure className="chart admin-chart">
      <figcaption>
        <h3 className="chart-title">{title}</h3>
        {description && <p className="hint">{description}</p>}
      </figcaption>
      {children}
      {legend}
      <details className="chart-data">
        <summary>{t('chart.showTable')}</summary>
        <TableRegion label={title}>{table}</TableRegion>
      </details>
    </figure>
  );
}

export interface DataRow {
  readonly key: string;
  readonly header: ReactNode;
  readonly cells: readonly ReactNode[];
}

/** A table of figures: a caption, column headers, and each row named by its first cell. */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly DataRow[];
}) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={column} scope="col" className={index > 0 ? 'numeric' : undefined}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.header}</th>
            {row.cells.map((cell, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns of a row are fixed and in order
              <td key={index} className="numeric">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
