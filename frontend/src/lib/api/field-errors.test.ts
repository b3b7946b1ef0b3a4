import { describe, expect, it } from 'vitest';
import { ApiProblem } from '@/lib/api/problem';
import { fieldErrorsFrom } from './field-errors';

const problem = (errors: { pointer: string; detail: string }[]) =>
  new ApiProblem({ status: 422, code: 'validation_failed', detail: 'One or more fields are invalid.', errors });

describe('field errors', () => {
  it('puts messages about list entries on the list field, naming the entry', () => {
    const error = problem([
      { pointer: '/countries/1', detail: 'must be an ISO code' },
      { pointer: '/languages/0', detail: 'must be lower case' },
    ]);

    const { byField, shownInline } = fieldErrorsFrom(
      error,
      { countries: ['US', 'XX'], languages: ['EN'] },
      (s) => s[0] ?? null,
    );

    expect(byField).toEqual({ countries: '“XX”: must be an ISO code', languages: '“EN”: must be lower case' });
    expect(shownInline).toEqual(['countries/1', 'languages/0']);
  });

  it('leaves pointers the form has no field for to the alert', () => {
    const error = problem([{ pointer: '/unknown', detail: 'is odd' }]);

    expect(fieldErrorsFrom(error, {}, () => null)).toEqual({ byField: {}, shownInline: [] });
  });

  it('ignores errors that are not API problems', () => {
    expect(fieldErrorsFrom(new Error('boom'), {}, (s) => s[0] ?? null).byField).toEqual({});
  });
});
