// Shows a secret the server hands out once (an invitation link, an API key, a share link) with a
// copy button, and says plainly that it will not be shown again.
import { useId, useRef, useState, type ReactNode } from 'react';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import InputGroup from 'react-bootstrap/InputGroup';

type OneTimeSecretProps = {
  /** What the secret is: "Invitation link", "API key". Names the region and the field. */
  label: string;
  value: string;
  /** What to do with it, in a sentence or two. */
  children?: ReactNode;
  onDone: () => void;
};

type CopyState = 'idle' | 'copied' | 'failed';

export function OneTimeSecret({ label, value, children, onDone }: OneTimeSecretProps) {
  const titleId = useId();
  const fieldId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  const copyValue = async () => {
    try {
      // The clipboard API exists only on secure origins (https, localhost).
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      input.current?.select();
      setCopy('failed');
    }
  };

  return (
    <section className="alert alert-success" aria-labelledby={titleId}>
      <h3 id={titleId} className="h6">
        {label}
      </h3>
      {children}
      <Form.Label htmlFor={fieldId} className="visually-hidden">
        {label}
      </Form.Label>
      <InputGroup className="my-2">
        <Form.Control
          ref={input}
          id={fieldId}
          readOnly
          value={value}
          className="font-monospace"
          spellCheck={false}
          onFocus={(event) => event.target.select()}
        />
        <Button variant="primary" onClick={() => void copyValue()}>
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      </InputGroup>
      <div aria-live="polite" className="small">
        {copy === 'copied' && 'Copied to the clipboard.'}
        {copy === 'failed' && 'Could not copy here. The text is selected: copy it with Ctrl+C or ⌘C.'}
      </div>
      <p className="fw-semibold mb-2 mt-2">Copy it now: you will not see it again.</p>
      <Button variant="outline-success" size="sm" onClick={onDone}>
        Done
      </Button>
    </section>
  );
}
