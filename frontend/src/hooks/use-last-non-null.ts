// Keeps the last non-null value, so a dialog about "this list" still names it while it fades out
// after the caller has already cleared its selection.
import { useState } from 'react';

export function useLastNonNull<T>(value: T | null): T | null {
  const [last, setLast] = useState(value);
  // Adjusting state while rendering (rather than in an effect) avoids a frame with stale text.
  if (value !== null && value !== last) setLast(value);
  return value ?? last;
}
