import { ApiError, errorMessage, fieldSentence } from '@/api/problem';

export interface FormAlertProps {
  // error is what the last submit threw; nothing shows without one.
  error: unknown;
  // fields are the names of the inputs on the form. Field errors for other
  // names are listed here, since no input shows them.
  fields?: readonly string[];
  title?: string;
}

// FormAlert tells why a form was refused. When the inputs show the
// server's field messages it only points at them (the problem's detail
// then merely repeats them); otherwise it gives the detail, and lists any
// field message that no input on the form can show.
export function FormAlert({ error, fields = [], title = 'That did not work' }: FormAlertProps) {
  if (!error) return null;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
  const stray = fieldErrors.filter((fe) => !fields.includes(fe.field));
  const shown = fieldErrors.length - stray.length;
  // An "invalid" problem's detail only repeats its field messages.
  const repeatsFields = error instanceof ApiError && error.code === 'invalid';
  let summary = errorMessage(error);
  if (shown > 0) summary = repeatsFields ? 'Check the highlighted fields and try again.' : `${summary} Check the highlighted fields.`;
  else if (stray.length > 0 && repeatsFields) summary = 'Correct the following and try again:';
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{title}</p>
      <p>{summary}</p>
      {stray.length > 0 && (
        <ul>
          {stray.map((fe) => (
            <li key={`${fe.field}:${fe.message}`}>{fieldSentence(fe)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
