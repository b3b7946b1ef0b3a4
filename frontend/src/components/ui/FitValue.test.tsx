import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FitValue } from './FitValue';

const interval = { low: 64, high: 80 };

describe('FitValue', () => {
  it.each([
    {
      fit: 'an estimate with an interval',
      summary: { fit_score: 72, fit_kind: 'estimated', fit_sample_size: 312, fit_interval: interval },
      shown: '≈72 est. 64–80',
      spoken: 'estimated from 312 commenters, 95% interval 64–80',
      title: 'Estimated from 312 commenters: an estimate, not measured audience data, 95% interval 64–80',
    },
    {
      fit: 'an imported sample with an interval',
      summary: { fit_score: 72, fit_kind: 'imported', fit_sample_size: 900, fit_interval: interval },
      shown: '72 64–80',
      spoken: ', 95% interval 64–80',
      title: '95% interval 64–80',
    },
    {
      fit: 'an estimate without an interval',
      summary: { fit_score: 72, fit_kind: 'estimated', fit_sample_size: null, fit_interval: null },
      shown: '≈72 est.',
      spoken: 'estimated from commenters',
      title: 'Estimated from commenters: an estimate, not measured audience data',
    },
  ] as const)('shows $fit', ({ summary, shown, spoken, title }) => {
    const { container } = render(<FitValue summary={summary} />);

    const value = container.firstElementChild as HTMLElement;
    const hidden = value.querySelector('.visually-hidden');
    expect(hidden?.textContent?.trim(), 'what a screen reader hears after the number').toBe(spoken);
    const visible = [...value.childNodes].filter((node) => node !== hidden).map((node) => node.textContent);
    expect(visible.join('').replace(/\s+/g, ' ').trim(), 'what the eye reads').toBe(shown);
    expect(value).toHaveAttribute('title', title);
  });

  it('hides the visible range from screen readers, which hear it in words instead', () => {
    const { container } = render(
      <FitValue summary={{ fit_score: 72, fit_kind: 'connected', fit_sample_size: null, fit_interval: interval }} />,
    );

    expect(container.querySelector('[aria-hidden="true"]')).toHaveTextContent('64–80');
  });

  it('shows a measured fit without an interval as the bare number', () => {
    const { container } = render(
      <FitValue summary={{ fit_score: 72, fit_kind: 'connected', fit_sample_size: null, fit_interval: null }} />,
    );

    expect(container).toHaveTextContent(/^72$/);
  });
});
