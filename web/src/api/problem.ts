import type { FieldError, Problem } from './types';

// ApiError is what every failed API call throws: the server's problem
// details when it sent some, or a made-up problem for network failures and
// non-JSON answers, so screens handle one shape.
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  // code is the part after urn:triage:problem:, e.g. "unavailable",
  // "invalid", "conflict"; "" for HTTP-level problems.
  get code(): string {
    const prefix = 'urn:triage:problem:';
    return this.problem.type.startsWith(prefix) ? this.problem.type.slice(prefix.length) : '';
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

function isProblem(v: unknown): v is Problem {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return typeof p.title === 'string' && typeof p.status === 'number';
}

// toApiError turns what openapi-fetch returned as `error` into an ApiError.
export function toApiError(error: unknown, response: Response): ApiError {
  if (isProblem(error)) {
    return new ApiError({
      type: typeof error.type === 'string' ? error.type : 'about:blank',
      title: error.title,
      status: error.status,
      detail: typeof error.detail === 'string' ? error.detail : '',
      request_id: typeof error.request_id === 'string' ? error.request_id : '',
      ...(Array.isArray(error.errors) ? { errors: error.errors } : {}),
    });
  }
  return new ApiError({
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail: `The server answered ${response.status} ${response.statusText}. Try again in a moment.`,
    request_id: response.headers.get('X-Request-ID') ?? '',
  });
}

// networkError stands for a request that never got an answer.
export function networkError(): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: 'Could not reach the server. Check your connection and try again.',
    request_id: '',
  });
}

// errorMessage is the sentence to show a person for any thrown value.
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong. Reload the page and try again.';
}

// fieldSentence makes a readable sentence of a field error. The server
// phrases messages as predicates ("is required", "must be at least 12
// characters"), so the field's name is put in front of those:
// "Name is required.". Messages that are sentences already stay as they are.
export function fieldSentence(fe: FieldError): string {
  let msg = fe.message.trim();
  if (/^[a-z]/.test(msg) && fe.field) {
    const name = fe.field.replace(/[_.]+/g, ' ').trim();
    msg = `${name.charAt(0).toUpperCase()}${name.slice(1)} ${msg}`;
  }
  return /[.!?]$/.test(msg) ? msg : `${msg}.`;
}

// fieldErrorMap groups an error's field messages, as sentences, by field
// name; messages for the same field are joined.
export function fieldErrorMap(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const fe of err.fieldErrors) {
    const sentence = fieldSentence(fe);
    out[fe.field] = out[fe.field] ? `${out[fe.field]} ${sentence}` : sentence;
  }
  return out;
}
