import { ApiError, errorMessage } from '@/api/problem';

export interface FormAlertProps {
  // error is what the last submit threw; nothing shows without one.
  error: unknown;
  // fields are the names of the inputs on the form. Field errors for other
  // names are listed here, since no input shows them.
  fields?: readonly string[];
  title?: string;
}

// FormAlert tells why a form was refused: the server's detail, plus any
// field messages that no input on the form can show.
export function FormAlert({ error, fields = [], title = 'That did not work' }: FormAlertProps) {
  if (!error) return null;
  const stray = error instanceof ApiError ? error.fieldErrors.filter((fe) => !fields.includes(fe.field)) : [];
  const hasFieldErrors = error instanceof ApiError && error.fieldErrors.length > stray.length;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{title}</p>
      <p>{hasFieldErrors ? `${errorMessage(error)} Check the highlighted fields.` : errorMessage(error)}</p>
      {stray.length > 0 && (
        <ul>
          {stray.map((fe) => (
            <li key={`${fe.field}:${fe.message}`}>
              {fe.field ? `${fe.field}: ` : ''}
              {fe.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
