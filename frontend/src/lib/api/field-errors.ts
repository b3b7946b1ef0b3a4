// Puts each message of a 422 next to the form field it concerns. The server points into the body it
// was sent (`/countries/1`, `/cpm_overrides/0/high`); the form says which field a pointer belongs
// to, and a bad entry of a list is named in the message ("XX": must be …).
import { ApiProblem } from './problem';

export type FieldErrors = {
  /** Messages by form field. */
  byField: Record<string, string>;
  /** Pointers (without the slash) shown beside a field, for `ProblemAlert` to leave out. */
  shownInline: string[];
};

/** The value a JSON Pointer names inside `body`, or undefined. */
function resolvePointer(body: unknown, segments: string[]): unknown {
  let current: unknown = body;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export function fieldErrorsFrom(
  error: unknown,
  submitted: unknown,
  fieldOf: (segments: string[]) => string | null,
): FieldErrors {
  const result: FieldErrors = { byField: {}, shownInline: [] };
  if (!(error instanceof ApiProblem)) return result;
  for (const fieldError of error.errors) {
    if (!fieldError.pointer) continue;
    const segments = fieldError.pointer
      .replace(/^\//, '')
      .split('/')
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
    const field = fieldOf(segments);
    if (!field) continue;
    const value = resolvePointer(submitted, segments);
    const message =
      typeof value === 'string' && segments.length > 1 ? `“${value}”: ${fieldError.detail}` : fieldError.detail;
    const previous = result.byField[field];
    result.byField[field] = previous && previous !== message ? `${previous}; ${message}` : message;
    result.shownInline.push(fieldError.pointer.replace(/^\//, ''));
  }
  return result;
}
