import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import { countAxis, daySplits, formatAxisCounts, formatAxisDays, legendValue } from './chart-axes';
import { formatWhole } from './format';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

describe('chart axes', () => {
  it.each([
    { ticks: [1300, 1302, 1304, 1306], labels: ['1,300', '1,302', '1,304', '1,306'] },
    { ticks: [0, 500, 1000, 1500], labels: ['0', '500', '1K', '1.5K'] },
    { ticks: [1_200_000, 1_250_000, 1_300_000], labels: ['1.2M', '1.25M', '1.3M'] },
    { ticks: [1_234_000, 1_234_500, 1_235_000], labels: ['1,234,000', '1,234,500', '1,235,000'] },
    { ticks: [20_000, 40_000, 60_000], labels: ['20K', '40K', '60K'] },
  ])('labels the count ticks $ticks as $labels, each one told apart', ({ ticks, labels }) => {
    expect(formatAxisCounts(ticks)).toEqual(labels);
  });

  it('makes room on the count axis for its longest label', () => {
    const size = countAxis.size as (chart: uPlot, labels: string[], axis: number, cycle: number) => number;
    const chart = {} as uPlot;
    const short = size(chart, ['0', '1K', '2K'], 1, 0);
    const long = size(chart, ['1,000,000', '1,001,000', '1,002,000'], 1, 0);

    expect(long).toBeGreaterThanOrEqual(9 * 7);
    expect(long).toBeGreaterThan(short);
  });

  it('labels days as the app writes dates, with the year where it starts or changes', () => {
    expect(formatAxisDays([day('2026-12-05'), day('2026-12-19'), day('2027-01-02'), day('2027-01-16')])).toEqual([
      '5 Dec 2026',
      '19 Dec',
      '2 Jan 2027',
      '16 Jan',
    ]);
  });

  it('puts date ticks on UTC midnights', () => {
    const chart = {} as uPlot;
    expect(daySplits(chart, 0, day('2026-12-05') + 3600, day('2026-12-09'), 2 * 86_400)).toEqual([
      day('2026-12-06'),
      day('2026-12-08'),
    ]);
  });

  it('shows the latest value in the legend while nothing is hovered', () => {
    const chart = {
      data: [
        [1, 2, 3],
        [10, 20, null],
      ],
    } as unknown as uPlot;
    const value = legendValue(formatWhole);

    expect(value(chart, null, 1, null)).toBe('20');
    expect(value(chart, 10, 1, 0)).toBe('10');
    expect(value({ data: [[], []] } as unknown as uPlot, null, 1, null)).toBe('—');
  });
});
