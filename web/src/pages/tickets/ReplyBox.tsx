import { lazy, Suspense, useEffect, useId, useImperativeHandle, useRef, useState, type FormEvent, type KeyboardEvent, type Ref } from 'react';
import { errorMessage } from '@/api/problem';
import type { User } from '@/api/types';
import { Alert } from '@/ui/Alert';
import { Button } from '@/ui/Button';
import { LockIcon, ReplyIcon } from './icons';
import { usePostComment } from './queries';
import { draftKey, useDraft } from './useDraft';

// The Markdown renderer downloads only when someone opens Preview.
const MarkdownPreview = lazy(() => import('./MarkdownPreview'));

export type ReplyMode = 'public' | 'note';

export interface ReplyBoxHandle {
  // focus switches to mode and puts the cursor in the text box.
  focus: (mode: ReplyMode) => void;
}

export interface ReplyBoxProps {
  ticketId: number;
  me: User;
  // requesterName says who a public reply goes to.
  requesterName: string;
  ref?: Ref<ReplyBoxHandle>;
  // onReplyingChange hears whether the agent is writing: the box has
  // focus or holds text (for presence).
  onReplyingChange?: (replying: boolean) => void;
}

const modeText = {
  public: { label: 'Public reply', send: 'Send public reply', busy: 'Sending reply…', sent: 'Reply sent.' },
  note: { label: 'Internal note', send: 'Add internal note', busy: 'Adding note…', sent: 'Internal note added.' },
} as const;

// ReplyBox writes a public reply or an internal note, in Markdown with a
// preview. What is typed is saved on this device as it is typed (one draft
// per ticket and mode) and forgotten only once the server has it.
export function ReplyBox({ ticketId, me, requesterName, ref, onReplyingChange }: ReplyBoxProps) {
  const [mode, setMode] = useState<ReplyMode>('public');
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [focusTick, setFocusTick] = useState(0);
  const [sent, setSent] = useState('');
  const [failure, setFailure] = useState<{ error: unknown; mode: ReplyMode } | null>(null);
  const [empty, setEmpty] = useState(false);
  const [focused, setFocused] = useState(false);
  const publicDraft = useDraft(draftKey(me.id, ticketId, 'public'));
  const noteDraft = useDraft(draftKey(me.id, ticketId, 'note'));
  const draft = mode === 'public' ? publicDraft : noteDraft;
  const post = usePostComment(ticketId, me);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const text = modeText[mode];

  useImperativeHandle(ref, () => ({
    focus: (m: ReplyMode) => {
      setMode(m);
      setTab('write');
      setFocusTick((n) => n + 1);
    },
  }));

  useEffect(() => {
    if (focusTick > 0) textRef.current?.focus();
  }, [focusTick]);

  const replying = focused || draft.value.trim() !== '';
  useEffect(() => {
    onReplyingChange?.(replying);
  }, [replying, onReplyingChange]);

  function send(e?: FormEvent<HTMLFormElement>) {
    e?.preventDefault();
    const body = draft.value;
    if (body.trim() === '') {
      setEmpty(true);
      setTab('write');
      setFocusTick((n) => n + 1);
      return;
    }
    const d = draft;
    const m = mode;
    setEmpty(false);
    setFailure(null);
    setSent('');
    d.empty();
    post.mutate(
      { body, internal: m === 'note' },
      {
        onSuccess: () => {
          d.clear(body);
          setSent(modeText[m].sent);
        },
        onError: (error) => {
          // Put the text back (ahead of anything typed since) so nothing
          // is lost; the saved draft still has it too.
          d.restore(body);
          setMode(m);
          setFailure({ error, mode: m });
          setFocusTick((n) => n + 1);
        },
      },
    );
  }

  function onTextKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    }
  }

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = tab === 'write' ? 'preview' : 'write';
      setTab(next);
      document.getElementById(`${id}-tab-${next}`)?.focus();
    }
  }

  return (
    <section className={`reply-box reply-box-${mode}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Reply
      </h2>
      <form onSubmit={send}>
        <fieldset className="reply-mode">
          <legend className="visually-hidden">Reply type</legend>
          <label className={`reply-mode-option${mode === 'public' ? ' is-on' : ''}`}>
            <input type="radio" name={`${id}-mode`} value="public" checked={mode === 'public'} onChange={() => setMode('public')} />
            <ReplyIcon />
            Public reply
          </label>
          <label className={`reply-mode-option reply-mode-option-note${mode === 'note' ? ' is-on' : ''}`}>
            <input type="radio" name={`${id}-mode`} value="note" checked={mode === 'note'} onChange={() => setMode('note')} />
            <LockIcon />
            Internal note
          </label>
        </fieldset>

        <p className="reply-mode-hint" id={`${id}-hint`}>
          {mode === 'public' ? (
            <>
              <ReplyIcon /> {requesterName} will see this reply.
            </>
          ) : (
            <>
              <LockIcon /> Only agents and admins see internal notes. The requester never does.
            </>
          )}
        </p>

        <div className="reply-tabs" role="tablist" aria-label="Editor">
          <button
            type="button"
            role="tab"
            id={`${id}-tab-write`}
            aria-selected={tab === 'write'}
            aria-controls={`${id}-panel-write`}
            tabIndex={tab === 'write' ? 0 : -1}
            className="reply-tab"
            onClick={() => setTab('write')}
            onKeyDown={onTabKey}
          >
            Write
          </button>
          <button
            type="button"
            role="tab"
            id={`${id}-tab-preview`}
            aria-selected={tab === 'preview'}
            aria-controls={`${id}-panel-preview`}
            tabIndex={tab === 'preview' ? 0 : -1}
            className="reply-tab"
            onClick={() => setTab('preview')}
            onKeyDown={onTabKey}
          >
            Preview
          </button>
        </div>

        <div role="tabpanel" id={`${id}-panel-write`} aria-labelledby={`${id}-tab-write`} hidden={tab !== 'write'} className="reply-panel">
          <label htmlFor={`${id}-text`} className="reply-label">
            {text.label}
          </label>
          <textarea
            ref={textRef}
            id={`${id}-text`}
            className="field-input reply-text"
            rows={6}
            value={draft.value}
            onChange={(e) => {
              draft.set(e.target.value);
              if (empty) setEmpty(false);
            }}
            onKeyDown={onTextKey}
            onFocus={() => setFocused(true)}
            onBlur={() => setFocused(false)}
            aria-describedby={`${id}-hint ${id}-help${empty ? ` ${id}-empty` : ''}`}
            aria-invalid={empty || undefined}
            placeholder={mode === 'public' ? 'Write your reply…' : 'Write a note for your team…'}
          />
          {empty && (
            <p className="field-error" id={`${id}-empty`}>
              Write something before sending.
            </p>
          )}
          <p className="field-hint" id={`${id}-help`}>
            Markdown works: **bold**, _italic_, `code`, lists and links. Ctrl+Enter sends.
            {draft.savedAt && ' Draft saved on this device.'}
          </p>
        </div>
        <div role="tabpanel" id={`${id}-panel-preview`} aria-labelledby={`${id}-tab-preview`} hidden={tab !== 'preview'} className="reply-panel reply-preview">
          {tab === 'preview' &&
            (draft.value.trim() === '' ? (
              <p className="ticket-muted">Nothing to preview yet.</p>
            ) : (
              <Suspense fallback={<p className="ticket-muted">Loading preview…</p>}>
                <MarkdownPreview source={draft.value} />
              </Suspense>
            ))}
        </div>

        {failure && (
          <Alert tone="error" title={failure.mode === 'public' ? 'Your reply was not sent' : 'Your note was not added'}>
            <p>{errorMessage(failure.error)} Your text is back in the box: check it and send again.</p>
          </Alert>
        )}
        <div className="form-actions reply-actions">
          <Button type="submit" variant="primary" className={mode === 'note' ? 'reply-send-note' : ''} busy={post.isPending} busyLabel={text.busy}>
            {mode === 'note' && <LockIcon />}
            {text.send}
          </Button>
          <p className="reply-status" role="status" aria-live="polite">
            {sent}
          </p>
        </div>
      </form>
    </section>
  );
}
