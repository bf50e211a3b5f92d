import { Fragment } from 'react';
import type { Snippet as SnippetData } from './types';

// SnippetText is a snippet's text with the matched words in <mark>. The
// parts are plain text from the server: React escapes them, so markup in
// a ticket shows as the characters it is made of.
export function SnippetText({ parts }: { parts: SnippetData['parts'] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="search-hit">
            {p.text}
          </mark>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

// snippetText is a snippet's plain text.
export function snippetText(s: SnippetData): string {
  return s.parts.map((p) => p.text).join('');
}

const where: Record<SnippetData['in'], string> = {
  subject: 'Subject',
  conversation: 'Conversation',
  internal_note: 'Internal note',
};

// Snippet is the excerpt of a ticket a search matched, under its subject.
// Where it comes from is said in words: an internal note is labelled
// "Internal note" (staff only; customers never get one).
export function Snippet({ snippet }: { snippet: SnippetData }) {
  const internal = snippet.in === 'internal_note';
  return (
    <p className={`search-snippet${internal ? ' search-snippet-internal' : ''}`}>
      {internal ? (
        <span className="search-snippet-label">{where.internal_note}</span>
      ) : (
        <span className="visually-hidden">{where[snippet.in] ?? 'Match'}: </span>
      )}{' '}
      <SnippetText parts={snippet.parts} />
    </p>
  );
}
