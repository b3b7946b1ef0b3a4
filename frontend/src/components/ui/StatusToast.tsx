// A short confirmation in the corner of the screen ("Added @maya to Spring drop."), for an action
// whose own control may scroll away or disappear once it has done its job. The live region stays in
// the page, so screen readers hear each message politely; each message goes after a few seconds.
// (React-Bootstrap's Toast mounts with the message and insists on an assertive alert.)
import { useEffect, useRef, type ReactNode } from 'react';

const SHOWN_MS = 6000;

type StatusToastProps = { message: ReactNode | null; onClose: () => void };

export function StatusToast({ message, onClose }: StatusToastProps) {
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => onCloseRef.current(), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message]);

  return (
    <div className="toast-container position-fixed bottom-0 end-0 p-3" role="status" aria-live="polite">
      {message !== null && (
        <div className="toast show border-success">
          <div className="d-flex align-items-start">
            <div className="toast-body flex-grow-1">{message}</div>
            <button type="button" className="btn-close m-2" aria-label="Close" onClick={onClose} />
          </div>
        </div>
      )}
    </div>
  );
}
