// How uPlot charts read: count axes with as many digits as their ticks need ("1,300, 1,302", never
// "1.3K, 1.3K"), date axes in the app's own format ("5 Dec 2026", the year only where it changes), and
// legends that show the latest value until a point is hovered. One place, so every chart agrees.
import type uPlot from 'uplot';
import { formatDay, formatWhole } from './format';

const DAY_SECONDS = 86_400;

const compact = (digits: number) => new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: digits });
const COMPACT_FORMATS = [compact(0), compact(1), compact(2)];
const PRECISE_COMPACT = compact(3);

/**
 * Labels for the ticks of a count axis: compact ("1.5K") with the fewest decimals that write every
 * tick exactly, or whole numbers ("1,302") when compact would need more than two.
 */
export function formatAxisCounts(ticks: readonly number[]): string[] {
  const precise = ticks.map((tick) => PRECISE_COMPACT.format(tick));
  for (const format of COMPACT_FORMATS) {
    const labels = ticks.map((tick) => format.format(tick));
    if (labels.every((label, index) => label === precise[index])) return labels;
  }
  return ticks.map((tick) => formatWhole(tick));
}

/** Tick steps of a count axis: whole numbers only, since a count of 30.5 videos means nothing. */
export const COUNT_INCREMENTS: number[] = Array.from({ length: 13 }, (_, power) =>
  [1, 2, 5].map((step) => step * 10 ** power),
).flat();

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * Labels for the ticks of a date axis (seconds since the epoch, at UTC midnight): "5 Dec", with the
 * year on the first tick and wherever it changes, "5 Dec 2026", as dates read everywhere in the app.
 */
export function formatAxisDays(ticks: readonly number[]): string[] {
  return ticks.map((tick, index) => {
    const date = new Date(tick * 1000);
    const previous = ticks[index - 1];
    const newYear = previous === undefined || new Date(previous * 1000).getUTCFullYear() !== date.getUTCFullYear();
    return newYear ? formatDay(date.toISOString()) : dayMonth.format(date);
  });
}

/** Tick steps of a date axis, in whole days. */
export const DAY_INCREMENTS: number[] = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364, 728].map((days) => days * DAY_SECONDS);

/** Ticks at UTC midnights, `step` apart: the days the points stand for. */
export function daySplits(_chart: uPlot, _axis: number, min: number, max: number, step: number): number[] {
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / DAY_SECONDS) * DAY_SECONDS; tick <= max; tick += step) ticks.push(tick);
  return ticks;
}

/** The x axis of a chart of days, in the app's date format. */
export const dayAxis: uPlot.Axis = {
  incrs: DAY_INCREMENTS,
  splits: daySplits,
  values: (_chart, ticks) => formatAxisDays(ticks),
  space: 70,
};

/** Room for the longest tick label: about 7 px a character at the axis' 12 px font, plus the tick and a gap. */
function countAxisSize(_chart: uPlot, labels: string[] | null): number {
  const longest = Math.max(0, ...(labels ?? []).map((label) => label.length));
  return Math.max(40, longest * 7 + 20);
}

/** The y axis of a chart of counts. */
export const countAxis: uPlot.Axis = {
  size: countAxisSize,
  incrs: COUNT_INCREMENTS,
  values: (_chart, ticks) => formatAxisCounts(ticks),
};

/** The last value of a series that has one. */
function latest(values: ArrayLike<number | null | undefined>): number | null {
  for (let index = values.length - 1; index >= 0; index -= 1) {
    const value = values[index];
    if (value != null) return value;
  }
  return null;
}

/**
 * A series' legend value: the hovered point's, or the latest one while nothing is hovered, so the
 * legend never reads "—" for a series that has data.
 */
export function legendValue(format: (value: number) => string) {
  return (chart: uPlot, raw: number | null, seriesIndex: number, pointIndex: number | null): string => {
    const value = pointIndex == null ? latest(chart.data[seriesIndex] ?? []) : raw;
    return value == null ? '—' : format(value);
  };
}

/** A day in the legend: seconds since the epoch → "5 Dec 2026". */
export function formatSecondsAsDay(seconds: number): string {
  return formatDay(new Date(seconds * 1000).toISOString());
}
