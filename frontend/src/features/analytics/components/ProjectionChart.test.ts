import { describe, expect, it } from 'vitest';
import { projectionChartOptions } from './ProjectionChart';

/** The alpha of an `rgba(…)` colour; 1 for any other colour. */
function alpha(colour: unknown): number {
  const match = /rgba\([^)]*,\s*([\d.]+)\)/.exec(String(colour));
  return match ? Number(match[1]) : 1;
}

describe('projection chart', () => {
  it('draws the 80% band with a fill and edges that stay visible at any scale', () => {
    const options = projectionChartOptions(480);
    const edges = options.series.filter((series) => typeof series.label === 'string' && series.label.startsWith('80%'));

    expect(edges).toHaveLength(2);
    for (const edge of edges) expect(alpha(edge.stroke)).toBeGreaterThanOrEqual(0.5);
    expect(alpha(options.bands?.[0]?.fill)).toBeGreaterThanOrEqual(0.25);
  });
});
