import { describe, expect, it } from 'vitest';
import { splitRejection } from './import-orders';

describe('a rejected order import', () => {
  it('tells the unmatched rows apart from the bad ones, recovering their code', () => {
    const { unmatched, bad } = splitRejection([
      { line: 2, detail: 'amount must be a number' },
      { line: 3, detail: '"SUNNYGHOST" is neither a discount code nor a UTM value of this campaign' },
      { line: 4, detail: '"nobody" is neither a discount code nor a UTM value of this campaign' },
    ]);

    expect(unmatched).toEqual([
      { line: 3, value: 'SUNNYGHOST' },
      { line: 4, value: 'nobody' },
    ]);
    expect(bad).toEqual([{ line: 2, detail: 'amount must be a number' }]);
  });
});
