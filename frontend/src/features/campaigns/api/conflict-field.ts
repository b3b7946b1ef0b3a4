// Conflicts (409) that are about one field of the form sent: a name or code already taken, an order
// or a post already counted. A form shows these beside the field, like a 422's messages.
import { ApiProblem, type ErrorCode } from '@/lib/api/problem';

const FIELD_OF: Partial<Record<ErrorCode, string>> = {
  duplicate_campaign_name: 'name',
  duplicate_discount_code: 'discount_code',
  duplicate_order: 'order_id',
  post_already_in_campaign: 'video_url',
};

/** The field a conflict is about, with the server's words; null for anything else. */
export function conflictField(error: unknown): { field: string; message: string } | null {
  if (!(error instanceof ApiProblem)) return null;
  const field = FIELD_OF[error.code as ErrorCode];
  return field ? { field, message: error.detail } : null;
}

/** A 422's messages by field (pointer without its slash), with a conflict's message at its field. */
export function formFieldErrors(error: unknown): Record<string, string> {
  const conflict = conflictField(error);
  if (conflict) return { [conflict.field]: conflict.message };
  return error instanceof ApiProblem ? error.fieldErrors() : {};
}

/** What a form's alert should still show once the fields show theirs. */
export function alertError(error: unknown): unknown {
  return conflictField(error) ? null : error;
}
