import { useEffect, useId, useRef, type KeyboardEvent } from 'react';

interface Row {
  what: string;
  means: string;
  examples: string[];
}

// rows is the search language (internal/search/query) in the words of the
// people who use it.
export const syntaxRows: Row[] = [
  { what: 'words', means: 'Tickets whose subject, conversation or internal notes have every word', examples: ['printer jam'] },
  { what: '"a phrase"', means: 'The words together, in this order', examples: ['"paper jam"'] },
  { what: 'status:', means: 'new, open, pending, on_hold, solved or closed; commas mean any of them', examples: ['status:open,pending'] },
  { what: 'priority:', means: 'low, normal, high or urgent', examples: ['priority:urgent'] },
  { what: 'type:', means: 'question, incident, problem or task', examples: ['type:incident'] },
  { what: 'assignee:', means: 'me, none (unassigned), an email or a user number', examples: ['assignee:me', 'assignee:none'] },
  { what: 'requester:', means: 'me, an email or a user number', examples: ['requester:casey@example.com'] },
  { what: 'team:', means: 'A team by name; quote names with spaces', examples: ['team:Billing', 'team:"Tier 2"'] },
  { what: 'tag:', means: 'A tag', examples: ['tag:vip'] },
  { what: '-', means: 'Before a term: leave out what it matches', examples: ['-tag:spam', 'refund -invoice'] },
  {
    what: 'created, updated, solved',
    means: 'A day, month or year; compare with < > <= >=; an age such as 7d (h, d, w, m, y); or a range with ..',
    examples: ['created>2026-01-01', 'updated<7d', 'created:2026-01..2026-03'],
  },
  { what: 'sort:', means: 'updated, created or priority; a leading - for newest or highest first', examples: ['sort:-updated', 'sort:priority'] },
];

export interface SearchHelpProps {
  id: string;
  // onTry runs an example search.
  onTry: (q: string) => void;
  onClose: () => void;
}

// SearchHelp lists the search fields with examples; each example can be
// tried at once. It is a panel under the search box, not a modal, so the
// box stays usable beside it; Escape closes it.
export default function SearchHelp({ id, onTry, onClose }: SearchHelpProps) {
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  }

  return (
    <section ref={ref} id={id} className="search-help" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="search-help-head">
        <h2 id={titleId}>Search syntax</h2>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="search-help-note">
        Separate terms with spaces: a ticket must match them all. A search with words looks at the 1,000 newest tickets that match and
        shows the best matches first, unless you choose another order.
      </p>
      <table className="search-help-table">
        <thead>
          <tr>
            <th scope="col">Write</th>
            <th scope="col">Finds</th>
            <th scope="col">Try</th>
          </tr>
        </thead>
        <tbody>
          {syntaxRows.map((r) => (
            <tr key={r.what}>
              <th scope="row">
                <code>{r.what}</code>
              </th>
              <td>{r.means}</td>
              <td>
                <ul className="search-help-examples">
                  {r.examples.map((ex) => (
                    <li key={ex}>
                      <button type="button" className="search-help-example" onClick={() => onTry(ex)} aria-label={`Search for ${ex}`}>
                        <code>{ex}</code>
                      </button>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
