import type { Locale } from '../../shared/i18n/index.ts';
import { formatNumber } from '../../shared/i18n/index.ts';
import { ScrollTable } from './scroll-table.tsx';

export interface ChartRow {
  label: string;
  values: number[];
}

interface BarChartProps {
  id: string;
  locale: Locale;
  title: string;
  /** Says where the numbers are, for screen readers reaching the picture. */
  note: string;
  categoryLabel: string;
  series: string[];
  rows: ChartRow[];
}

const LABEL_LINE = 20;
const BAR = 12;
const GAP = 3;
const BLOCK_GAP = 12;
/** The longest bar's share of the width; the rest is room for its number. */
const LONGEST = 85;

/**
 * Horizontal grouped bars in SVG, followed by the same figures as a table: the picture is for the
 * eye, the table for everyone. Each category's name sits above its bars so that the bars keep the
 * full width on a phone. Widths are percentages and text is in CSS pixels, so the chart fills any
 * screen without its text shrinking. Colours come from app.css (`.series-N`).
 */
export function BarChart({ id, locale, title, note, categoryLabel, series, rows }: BarChartProps) {
  const max = Math.max(1, ...rows.flatMap((row) => row.values));
  const block = LABEL_LINE + series.length * (BAR + GAP) + BLOCK_GAP;
  const height = rows.length * block;
  const scale = LONGEST / max;
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} class="sr-only">
        {title}
      </figcaption>
      {series.length > 1 && (
        <ul class="chart-legend">
          {series.map((name, i) => (
            <li key={name}>
              <span class={`swatch series-${i}`} aria-hidden="true" /> {name}
            </li>
          ))}
        </ul>
      )}
      <svg width="100%" height={height} role="img" aria-labelledby={`${id}-title ${id}-note`} class="chart-svg">
        {rows.map((row, r) => {
          const top = r * block;
          return (
            <g key={row.label}>
              <text x="0" y={top + 14} class="chart-label">
                {row.label}
              </text>
              {row.values.map((value, s) => {
                const y = top + LABEL_LINE + s * (BAR + GAP);
                const width = value > 0 ? Math.max(0.5, value * scale) : 0;
                return (
                  <g key={series[s]}>
                    <rect x="0" y={y} width={`${width}%`} height={BAR} class={`series-${s}`} />
                    <text x={`${width}%`} dx="4" y={y + BAR - 2} class="chart-value">
                      {formatNumber(locale, value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <p id={`${id}-note`} class="sr-only">
        {note}
      </p>
      <ScrollTable label={title}>
        <table class="tbl col data figures">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{categoryLabel}</th>
              {series.map((name) => (
                <th key={name} scope="col" class="num">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.values.map((value, s) => (
                  <td key={series[s]} class="num">
                    {formatNumber(locale, value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </figure>
  );
}
