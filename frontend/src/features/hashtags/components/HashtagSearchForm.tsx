// The explorer's input: a hashtag as people paste it (`gym`, `#GymTok`, a TikTok tag link).
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import InputGroup from 'react-bootstrap/InputGroup';
import { parseHashtag } from '../api/parse-hashtag';

type HashtagSearchFormProps = { initialTag: string | null; onSearch: (tag: string) => void };

export function HashtagSearchForm({ initialTag, onSearch }: HashtagSearchFormProps) {
  const [text, setText] = useState(initialTag ? `#${initialTag}` : '');
  const [error, setError] = useState<string | null>(null);

  return (
    <Form
      noValidate
      role="search"
      className="mb-4"
      onSubmit={(event) => {
        event.preventDefault();
        const tag = parseHashtag(text);
        if (tag) onSearch(tag);
        setError(tag ? null : 'Enter a hashtag: letters, digits or _, with or without #, for example #gymtok.');
      }}
    >
      <Form.Group controlId="hashtag-input">
        <Form.Label>Hashtag</Form.Label>
        <InputGroup hasValidation>
          <Form.Control
            name="hashtag"
            placeholder="#gymtok"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setError(null);
            }}
            isInvalid={error !== null}
            aria-invalid={error !== null}
            aria-describedby={error ? 'hashtag-input-error' : 'hashtag-input-help'}
          />
          <Button type="submit">Show videos</Button>
          {error && (
            <Form.Control.Feedback type="invalid" id="hashtag-input-error">
              {error}
            </Form.Control.Feedback>
          )}
        </InputGroup>
        {!error && (
          <Form.Text id="hashtag-input-help" muted>
            Paste a hashtag such as #GymTok or gym, or a TikTok hashtag link.
          </Form.Text>
        )}
      </Form.Group>
    </Form>
  );
}
