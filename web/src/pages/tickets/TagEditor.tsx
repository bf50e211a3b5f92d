import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/ui/Button';

export const maxTags = 20;

export interface TagEditorProps {
  tags: string[];
  onChange: (tags: string[], what: string) => void;
  disabled?: boolean;
}

// TagEditor lists a ticket's tags with a remove button each, and adds new
// ones from a small form.
export function TagEditor({ tags, onChange, disabled }: TagEditorProps) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const id = useId();

  function add(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const tag = text.trim().toLowerCase();
    if (!tag) {
      setProblem('Type a tag first.');
      return;
    }
    if (tags.includes(tag)) {
      setProblem(`The ticket already has the tag “${tag}”.`);
      return;
    }
    if (tags.length >= maxTags) {
      setProblem(`A ticket has at most ${maxTags} tags.`);
      return;
    }
    setProblem('');
    setText('');
    onChange([...tags, tag], `tag “${tag}” added`);
  }

  return (
    <div className="ticket-tags">
      <p className="ticket-field-label" id={`${id}-label`}>
        Tags
      </p>
      {tags.length === 0 ? (
        <p className="ticket-muted">No tags yet.</p>
      ) : (
        <ul className="ticket-tag-list" aria-labelledby={`${id}-label`}>
          {tags.map((t) => (
            <li key={t} className="ticket-tag">
              <span>{t}</span>
              <button
                type="button"
                className="ticket-tag-remove"
                aria-label={`Remove tag ${t}`}
                disabled={disabled}
                onClick={() =>
                  onChange(
                    tags.filter((x) => x !== t),
                    `tag “${t}” removed`,
                  )
                }
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="ticket-tag-add" onSubmit={add}>
        <label htmlFor={`${id}-input`} className="visually-hidden">
          Add a tag
        </label>
        <input
          id={`${id}-input`}
          className="field-input"
          value={text}
          placeholder="Add a tag"
          maxLength={50}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
        <Button type="submit" variant="secondary" disabled={disabled}>
          Add
        </Button>
      </form>
      {problem && (
        <p className="field-error" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
}
