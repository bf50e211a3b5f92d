import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, fieldErrorMap, fieldSentence, networkError, toApiError } from './problem';

const base = { type: 'urn:triage:problem:invalid', title: 'Invalid input', status: 400, detail: 'Some fields are invalid.', request_id: 'r1' };

describe('ApiError', () => {
  it('carries the problem, its code and its field errors', () => {
    const err = new ApiError({ ...base, errors: [{ field: 'email', message: 'Required.' }] });
    expect(err.message).toBe('Some fields are invalid.');
    expect(err.status).toBe(400);
    expect(err.code).toBe('invalid');
    expect(err.fieldErrors).toEqual([{ field: 'email', message: 'Required.' }]);
  });

  it('has no code for HTTP-level problems and falls back to the title', () => {
    const err = new ApiError({ ...base, type: 'about:blank', detail: '' });
    expect(err.code).toBe('');
    expect(err.message).toBe('Invalid input');
    expect(err.fieldErrors).toEqual([]);
  });
});

describe('toApiError', () => {
  it('keeps a problem+json body', () => {
    const err = toApiError({ ...base, errors: [{ field: 'name', message: 'Too long.' }] }, new Response(null, { status: 400 }));
    expect(err.problem).toMatchObject({ detail: 'Some fields are invalid.', errors: [{ field: 'name', message: 'Too long.' }] });
  });

  it('makes up a problem for other answers', () => {
    const err = toApiError('<html>Bad Gateway</html>', new Response(null, { status: 502, statusText: 'Bad Gateway', headers: { 'X-Request-ID': 'abc' } }));
    expect(err.status).toBe(502);
    expect(err.message).toBe('The server answered 502 Bad Gateway. Try again in a moment.');
    expect(err.problem.request_id).toBe('abc');
  });
});

describe('errorMessage', () => {
  it('uses the ApiError message, or a generic sentence', () => {
    expect(errorMessage(networkError())).toMatch(/Check your connection/);
    expect(errorMessage(new Error('boom'))).toBe('Something went wrong. Reload the page and try again.');
  });
});

describe('fieldErrorMap', () => {
  it('groups messages by field', () => {
    const err = new ApiError({
      ...base,
      errors: [
        { field: 'password', message: 'must be at least 12 characters' },
        { field: 'password', message: 'Too common.' },
        { field: 'email', message: 'Taken' },
      ],
    });
    expect(fieldErrorMap(err)).toEqual({ password: 'Password must be at least 12 characters. Too common.', email: 'Taken.' });
  });

  it('is empty for anything else', () => {
    expect(fieldErrorMap(null)).toEqual({});
    expect(fieldErrorMap(new Error('x'))).toEqual({});
  });
});

describe('fieldSentence', () => {
  it.each([
    [{ field: 'name', message: 'is required' }, 'Name is required.'],
    [{ field: 'current_password', message: 'is incorrect' }, 'Current password is incorrect.'],
    [{ field: 'email', message: 'must be an email address like name@example.com' }, 'Email must be an email address like name@example.com.'],
    [{ field: 'email', message: 'Enter an email address.' }, 'Enter an email address.'],
    [{ field: '', message: 'something is off' }, 'something is off.'],
  ])('fieldSentence(%j) is %j', (fe, want) => {
    expect(fieldSentence(fe)).toBe(want);
  });
});
