import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { problemSpan, type ParseError } from './query';

// The syntax help is a page of its own size; it loads on first opening.
const SearchHelp = lazy(() => import('./SearchHelp'));

export const searchDelayMs = 350;

// How a search was asked for: while typing (debounced) or at once (Enter,
// Escape, a facet or an example).
export type SearchHow = 'typing' | 'submit';

export interface SearchBoxProps {
  // value is the search in the URL.
  value: string;
  onSearch: (q: string, how: SearchHow) => void;
  // error is the server's complaint about value, if any.
  error: ParseError | null;
  helpOpen: boolean;
  onHelpChange: (open: boolean) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
}

// SearchBox is the ticket list's search: typing searches after a short
// pause, Enter at once, Escape clears. A query the server cannot read is
// explained under the box, with the place it stopped marked.
export function SearchBox({ value, onSearch, error, helpOpen, onHelpChange, inputRef }: SearchBoxProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const fallbackInput = useRef<HTMLInputElement | null>(null);
  const ownInput = inputRef ?? fallbackInput;
  const helpButton = useRef<HTMLButtonElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The box follows the URL (back/forward, facets, views) until typed in.
  const [state, setState] = useState({ from: value, text: value });
  if (state.from !== value && state.text.trim() !== value) setState({ from: value, text: value });
  const text = state.text;

  // pending is the text a waiting search will send.
  const pending = useRef('');
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  // When the URL moves on meanwhile (a view, a facet, back), a search
  // still waiting to be sent is stale: it must not undo the move.
  useEffect(() => {
    if (timer.current && pending.current.trim() !== value) {
      clearTimeout(timer.current);
      timer.current = null;
    }
  }, [value]);

  function cancel() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }

  function type(next: string) {
    setState({ from: value, text: next });
    cancel();
    pending.current = next;
    timer.current = setTimeout(() => {
      timer.current = null;
      onSearch(next.trim(), 'typing');
    }, searchDelayMs);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      cancel();
      onSearch(text.trim(), 'submit');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
      if (helpOpen) {
        onHelpChange(false);
        return;
      }
      setState({ from: value, text: '' });
      onSearch('', 'submit');
    }
  }

  function goToProblem() {
    if (!error) return;
    const [start, end] = problemSpan(value, error.index);
    ownInput.current?.focus();
    ownInput.current?.setSelectionRange(start, end);
  }

  function tryExample(q: string) {
    cancel();
    setState({ from: value, text: q });
    onSearch(q, 'submit');
    ownInput.current?.focus();
  }

  const [start, end] = error ? problemSpan(value, error.index) : [0, 0];
  return (
    <div className="search" role="search" aria-label="Tickets">
      <div className="search-row">
        <label htmlFor={id} className="visually-hidden">
          Search tickets
        </label>
        <input
          ref={ownInput}
          id={id}
          className="field-input search-input"
          type="search"
          value={text}
          placeholder='Search: words, "a phrase", status:open, assignee:me…'
          autoComplete="off"
          spellCheck={false}
          maxLength={1000}
          aria-keyshortcuts="/"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          onChange={(e) => type(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          ref={helpButton}
          type="button"
          className="btn btn-ghost search-help-toggle"
          aria-expanded={helpOpen}
          aria-controls={helpOpen ? helpId : undefined}
          onClick={() => onHelpChange(!helpOpen)}
        >
          <span aria-hidden="true" className="search-help-icon">
            ?
          </span>{' '}
          Syntax
        </button>
      </div>
      <p id={hintId} className="visually-hidden">
        Press Enter to search now and Escape to clear. Search syntax help is in the Syntax button.
      </p>
      <div aria-live="polite">
        {error && (
          <div id={errorId} className="search-error">
            <p className="search-error-message">
              {error.message} (at character {Math.min(error.index, value.length) + 1})
            </p>
            <p className="search-error-where">
              <code className="search-error-query">
                {value.slice(0, start)}
                <mark className="search-error-mark">{value.slice(start, end) || ' '}</mark>
                {value.slice(end)}
              </code>{' '}
              <button type="button" className="btn btn-ghost search-error-go" onClick={goToProblem}>
                Go to the problem
              </button>
            </p>
          </div>
        )}
      </div>
      {helpOpen && (
        <Suspense fallback={<p className="search-help-loading">Loading the search help…</p>}>
          <SearchHelp
            id={helpId}
            onTry={tryExample}
            onClose={() => {
              onHelpChange(false);
              helpButton.current?.focus();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
