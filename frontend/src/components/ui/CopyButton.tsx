// Copies a piece of text (a tracking link, say) to the clipboard and says so, or says how to copy
// it by hand where the clipboard cannot be reached (it exists only on https and localhost).
import { useState } from 'react';
import Button from 'react-bootstrap/Button';

type CopyButtonProps = {
  text: string;
  /** What is copied, for screen readers: "UTM link for @maya". */
  label: string;
};

type CopyState = 'idle' | 'copied' | 'failed';

export function CopyButton({ text, label }: CopyButtonProps) {
  const [copy, setCopy] = useState<CopyState>('idle');
  const copyText = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };
  return (
    <>
      <Button variant="outline-secondary" size="sm" onClick={() => void copyText()} aria-label={`Copy ${label}`}>
        {copy === 'copied' ? 'Copied' : 'Copy'}
      </Button>
      <span aria-live="polite" className="small">
        {copy === 'failed' && <span className="text-danger"> Could not copy here; select the link and copy it.</span>}
        {copy === 'copied' && <span className="visually-hidden">Copied to the clipboard.</span>}
      </span>
    </>
  );
}
