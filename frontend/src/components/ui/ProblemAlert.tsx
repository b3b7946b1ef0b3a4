// Shows why a form submission failed. Field errors that a form displays beside its own inputs are
// left out here; anything else (a conflict, throttling, a field the form lacks) is spelled out.
import Alert from 'react-bootstrap/Alert';
import { ApiProblem, describeError } from '@/lib/api/problem';
import { formatWait } from '@/lib/format';

type ProblemAlertProps = {
  error: unknown;
  /** Fields (JSON Pointer without the slash) whose messages the form shows next to the input. */
  fieldsShownInline?: readonly string[];
};

export function ProblemAlert({ error, fieldsShownInline = [] }: ProblemAlertProps) {
  if (!error) return null;
  if (!(error instanceof ApiProblem)) {
    return <Alert variant="danger">{describeError(error)}</Alert>;
  }
  const otherFieldErrors = error.errors.filter(
    (fieldError) => !fieldError.pointer || !fieldsShownInline.includes(fieldError.pointer.replace(/^\//, '')),
  );
  const everyErrorIsInline =
    error.code === 'validation_failed' && error.errors.length > 0 && otherFieldErrors.length === 0;
  if (everyErrorIsInline) return null;

  return (
    <Alert variant="danger">
      <div>{error.detail}</div>
      {error.retryAfterSeconds !== null && (
        <div>Please wait {formatWait(error.retryAfterSeconds)} before trying again.</div>
      )}
      {otherFieldErrors.length > 0 && (
        <ul className="mb-0 mt-2">
          {otherFieldErrors.map((fieldError, index) => (
            <li key={index}>
              {fieldError.line != null && `Line ${fieldError.line}: `}
              {fieldError.pointer && !fieldError.line && `${fieldError.pointer.replace(/^\//, '')}: `}
              {fieldError.detail}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
