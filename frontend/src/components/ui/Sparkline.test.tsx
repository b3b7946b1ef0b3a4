import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sparkline } from './Sparkline';

const HEIGHT = 28;

/** How much of the box's height the drawn line covers, 0–1. */
function verticalExtent(svg: Element): number {
  const ys = (svg.querySelector('polyline')?.getAttribute('points') ?? '')
    .split(' ')
    .map((point) => Number(point.split(',')[1]));
  return (Math.max(...ys) - Math.min(...ys)) / HEIGHT;
}

describe('Sparkline', () => {
  it.each([
    { drift: 'a 0.1% dip', values: [10_000, 10_000, 9_995, 9_990], most: 0.1 },
    { drift: 'a 0.2% rise', values: [50_000, 50_050, 50_100], most: 0.1 },
  ])('draws $drift as a near-flat line, not a crash or a rocket', ({ values, most }) => {
    render(<Sparkline values={values} label="Followers" height={HEIGHT} />);

    expect(verticalExtent(screen.getByRole('img'))).toBeLessThan(most);
  });

  it('still fills the box for a change far beyond ±5%', () => {
    render(<Sparkline values={[1_000, 1_500, 2_000]} label="Followers" height={HEIGHT} />);

    expect(verticalExtent(screen.getByRole('img'))).toBeGreaterThan(0.8);
  });

  it('says how it is scaled, and by how much the count moved', () => {
    render(<Sparkline values={[10_000, null, 9_990]} label="Followers, last 30 days" />);

    const line = screen.getByRole('img', { name: /^Followers, last 30 days: down 0\.1%, from 10,000 to 9,990\./ });
    expect(line).toHaveAccessibleName(/the box spans at least ±5% of the count/);
    expect(line.querySelector('title')).toHaveTextContent('Drawn to scale');
  });
});
