// Turns failed API calls into one error type. The backend answers every failure with an RFC 9457
// problem carrying a stable `code`; screens switch on that code and show `detail` to people.
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export type ErrorCode = components['schemas']['ErrorCode'];
type FieldError = components['schemas']['FieldError'];

/** Codes the client itself produces when no problem document came back. */
export type ClientErrorCode = 'network_error' | 'unexpected_response';

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Seconds the server asked us to wait (429 `Retry-After`), when it said. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: ErrorCode | ClientErrorCode;
    detail: string;
    errors?: FieldError[];
    retryAfterSeconds?: number | null;
  }) {
    super(init.detail);
    this.name = 'ApiProblem';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /**
   * Field errors keyed by the JSON Pointer without its leading slash (`/name` → `name`), so a
   * form can put each message next to its input.
   */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const error of this.errors) {
      if (!error.pointer) continue;
      const field = error.pointer.replace(/^\//, '');
      // Keep the first message per field: the backend lists the most fundamental one first.
      byField[field] ??= error.detail;
    }
    return byField;
  }
}

function isProblem(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Problem).code === 'string' &&
    typeof (body as Problem).detail === 'string'
  );
}

function parseRetryAfter(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (header === null) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
}

/** Builds an `ApiProblem` from the `error` and `response` openapi-fetch hands back. */
export function toApiProblem(error: unknown, response: Response): ApiProblem {
  const retryAfterSeconds = parseRetryAfter(response);
  if (isProblem(error)) {
    return new ApiProblem({
      status: response.status,
      code: error.code,
      detail: error.detail,
      errors: error.errors ?? [],
      retryAfterSeconds,
    });
  }
  return new ApiProblem({
    status: response.status,
    code: 'unexpected_response',
    detail: `The server answered ${response.status} ${response.statusText}`.trim() + '.',
    retryAfterSeconds,
  });
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/**
 * Resolves to the response body of a successful call and throws an `ApiProblem` otherwise, so
 * TanStack Query sees failures as failures.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof ApiProblem) throw cause;
    // A request the caller cancelled (a superseded search) is not a network failure.
    if (cause instanceof Error && cause.name === 'AbortError') throw cause;
    // fetch() itself rejects only when no HTTP answer arrived at all.
    throw new ApiProblem({
      status: 0,
      code: 'network_error',
      detail: 'Could not reach the server. Check your connection and try again.',
    });
  }
  if (!result.response.ok) throw toApiProblem(result.error, result.response);
  return result.data as T;
}

/** A message fit to show a person for any error a query or mutation raised. */
export function describeError(error: unknown): string {
  if (error instanceof ApiProblem) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export function hasCode(error: unknown, code: ErrorCode | ClientErrorCode): error is ApiProblem {
  return error instanceof ApiProblem && error.code === code;
}
