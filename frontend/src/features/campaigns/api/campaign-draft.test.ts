import { describe, expect, it } from 'vitest';
import { draftToInput, emptyDraft, fieldOfPointer, splitList } from './campaign-draft';

describe('the campaign form', () => {
  it('starts today for 30 days in US dollars, overdue after 14 days', () => {
    const draft = emptyDraft(new Date('2026-11-20T09:00:00Z'));

    expect(draft).toMatchObject({ starts_on: '2026-11-20', ends_on: '2026-12-20', overdue_days: '14' });
    expect(draft.product.currency).toBe('USD');
  });

  it('sends numbers as numbers, rule lists as lists, and empty optional fields as null', () => {
    const draft = {
      ...emptyDraft(new Date('2026-11-20T09:00:00Z')),
      name: ' Autumn hoodie ',
      product: { name: 'Hoodie', unit_cost: '18.5', shipping_cost: '6', retail_value: '59', currency: 'eur' },
      brand_handle: '@SunnyCo',
      rules: { hashtags: '#SunnyCo, sunnyco ,', keywords: '', link_domains: 'sunny.example', code_patterns: 'SUNNY*' },
    };

    expect(draftToInput(draft)).toEqual({
      input: {
        name: 'Autumn hoodie',
        starts_on: '2026-11-20',
        ends_on: '2026-12-20',
        product: { name: 'Hoodie', unit_cost: 18.5, shipping_cost: 6, retail_value: 59, currency: 'EUR' },
        fee: null,
        overdue_days: 14,
        landing_url: null,
        rules: {
          brand_handle: 'SunnyCo',
          hashtags: ['#SunnyCo', 'sunnyco'],
          keywords: [],
          link_domains: ['sunny.example'],
          code_patterns: ['SUNNY*'],
        },
      },
    });
  });

  it('names every field whose number does not parse, before anything is sent', () => {
    const draft = { ...emptyDraft(), fee: 'a lot', overdue_days: '2.5' };

    expect(draftToInput(draft)).toEqual({
      errors: {
        'product.unit_cost': 'Enter a number.',
        'product.shipping_cost': 'Enter a number.',
        'product.retail_value': 'Enter a number.',
        fee: 'Enter a number.',
        overdue_days: 'Enter a whole number of days.',
      },
    });
  });

  it.each([
    ['/name', 'name'],
    ['/ends_on', 'ends_on'],
    ['/product/unit_cost', 'product.unit_cost'],
    ['/rules/brand_handle', 'rules.brand_handle'],
    ['/rules/keywords/0', 'rules.keywords'],
    ['/rules/hashtags', 'rules.hashtags'],
    ['/product', null],
    ['/status', null],
  ])('puts a message about %s at the field %s', (pointer, field) => {
    expect(fieldOfPointer(pointer.slice(1).split('/'))).toBe(field);
  });

  it('reads a comma-separated list without blanks or repeats', () => {
    expect(splitList(' a, b,,a , c ')).toEqual(['a', 'b', 'c']);
  });
});
