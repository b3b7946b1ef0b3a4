// The add box's handle field, with suggestions as the user types: the WAI-ARIA "combobox with
// list autocomplete" pattern. Searching starts after a short pause; the up and down arrows move
// through the suggestions, Enter picks the highlighted one and Escape closes them (a second
// Escape clears the field). Enter with nothing highlighted submits the text as typed, so a
// pasted handle, @handle or profile link still works.
import { useEffect, useState, type KeyboardEvent } from 'react';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import InputGroup from 'react-bootstrap/InputGroup';
import Spinner from 'react-bootstrap/Spinner';
import { Avatar } from '@/components/ui/Avatar';
import { VerifiedBadge } from '@/components/ui/VerifiedBadge';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { describeError } from '@/lib/api/problem';
import { formatCompact } from '@/lib/format';
import { isSearchable, useCreatorSearch, type CreatorSuggestion } from '../api/search-creators';

const SEARCH_DELAY_MS = 200;
const INPUT_ID = 'add-creator-handle';
const LISTBOX_ID = 'add-creator-suggestions';
const optionId = (index: number) => `${LISTBOX_ID}-${index}`;

type HandleComboboxProps = {
  value: string;
  onChange: (value: string) => void;
  /** A suggestion was picked: add this handle. */
  onChoose: (handle: string) => void;
  error: string | undefined;
  pending: boolean;
};

function SuggestionOption({
  suggestion,
  index,
  active,
  onChoose,
  onHover,
}: {
  suggestion: CreatorSuggestion;
  index: number;
  active: boolean;
  onChoose: () => void;
  onHover: () => void;
}) {
  return (
    <li
      id={optionId(index)}
      role="option"
      aria-selected={active}
      className={`combobox-option d-flex align-items-center gap-2 px-3 py-2${active ? ' active' : ''}`}
      // Keep focus in the input: a click must not blur it and close the list before it lands.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onChoose}
      onMouseMove={onHover}
    >
      <Avatar url={suggestion.avatar_url} name={suggestion.display_name || suggestion.handle} size={32} />
      <div className="min-w-0 flex-grow-1">
        <div className="d-flex flex-wrap align-items-center gap-1">
          <span className="fw-semibold text-break">@{suggestion.handle}</span>
          {suggestion.verified && <VerifiedBadge />}
          {suggestion.tracked && (
            <Badge bg="success" title="Already in one of your lists">
              Tracked
            </Badge>
          )}
        </div>
        {suggestion.display_name && <div className="small text-truncate">{suggestion.display_name}</div>}
        {suggestion.from_source && <div className="small text-body-secondary">from TikTok search</div>}
      </div>
      {suggestion.followers != null && (
        <div className="small text-nowrap text-body-secondary">{formatCompact(suggestion.followers)} followers</div>
      )}
    </li>
  );
}

export function HandleCombobox({ value, onChange, onChoose, error, pending }: HandleComboboxProps) {
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const query = useDebouncedValue(value.trim(), SEARCH_DELAY_MS);
  const searchQuery = useCreatorSearch(query);

  const searchable = isSearchable(value);
  const expanded = open && searchable;
  const suggestions = expanded ? (searchQuery.data ?? []) : [];
  const active = activeIndex < suggestions.length ? activeIndex : -1;
  const settled = query === value.trim() && !searchQuery.isFetching;

  useEffect(() => {
    // jsdom has no scrollIntoView; browsers do.
    if (active >= 0) document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const choose = (suggestion: CreatorSuggestion) => {
    setOpen(false);
    setActiveIndex(-1);
    onChoose(suggestion.handle);
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!searchable) return;
        event.preventDefault();
        setOpen(true);
        if (count === 0) return;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        // Wraps around at either end; from "nothing highlighted" Up goes to the last suggestion.
        setActiveIndex(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
        return;
      }
      case 'Enter': {
        const suggestion = suggestions[active];
        if (!suggestion) return; // The form submits the text as typed.
        event.preventDefault();
        if (!pending) choose(suggestion);
        return;
      }
      case 'Escape':
        event.preventDefault();
        if (expanded) {
          setOpen(false);
          setActiveIndex(-1);
        } else {
          onChange('');
        }
        return;
    }
  };

  let status: string | null = null;
  if (expanded && suggestions.length === 0) {
    if (searchQuery.isError) status = `Suggestions are unavailable (${describeError(searchQuery.error)}).`;
    else if (!settled) status = 'Searching…';
    else status = 'No matching creators. Press Enter to add the handle as typed.';
  }
  const announcement =
    expanded && settled && suggestions.length > 0
      ? `${suggestions.length} ${suggestions.length === 1 ? 'suggestion' : 'suggestions'}; use the up and down arrows to choose.`
      : '';

  return (
    <Form.Group controlId={INPUT_ID} className="flex-grow-1">
      <Form.Label>Add a creator</Form.Label>
      <div className="position-relative">
        <InputGroup hasValidation>
          <Form.Control
            name="handle"
            placeholder="@mayabakes or https://www.tiktok.com/@mayabakes"
            autoComplete="off"
            spellCheck={false}
            required
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={suggestions.length > 0}
            aria-controls={LISTBOX_ID}
            aria-activedescendant={active >= 0 ? optionId(active) : undefined}
            value={value}
            onChange={(event) => {
              onChange(event.target.value);
              setOpen(true);
              setActiveIndex(-1);
            }}
            onKeyDown={handleKeyDown}
            onBlur={() => setOpen(false)}
            isInvalid={Boolean(error)}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? `${INPUT_ID}-error` : `${INPUT_ID}-help`}
          />
          <Button type="submit" disabled={pending || value.trim() === ''}>
            {pending && <Spinner as="span" animation="border" size="sm" className="me-2" aria-hidden="true" />}
            Add
          </Button>
          {error && (
            <Form.Control.Feedback type="invalid" id={`${INPUT_ID}-error`}>
              {error}
            </Form.Control.Feedback>
          )}
        </InputGroup>
        <div className="combobox-popup" hidden={!expanded}>
          <ul id={LISTBOX_ID} role="listbox" aria-label="Suggested creators" className="list-unstyled mb-0">
            {suggestions.map((suggestion, index) => (
              <SuggestionOption
                key={suggestion.handle}
                suggestion={suggestion}
                index={index}
                active={index === active}
                onChoose={() => choose(suggestion)}
                onHover={() => setActiveIndex(index)}
              />
            ))}
          </ul>
          {status && <div className="px-3 py-2 small text-body-secondary">{status}</div>}
        </div>
      </div>
      <div role="status" className="visually-hidden">
        {announcement}
      </div>
      {!error && (
        <Form.Text id={`${INPUT_ID}-help`} muted>
          Type a name to search, or paste a TikTok handle, @handle or profile link. zzyzx starts tracking them right
          away.
        </Form.Text>
      )}
    </Form.Group>
  );
}
