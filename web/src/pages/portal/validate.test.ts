import { describe, expect, it } from 'vitest';
import { maxBodyLength, relabel, validateBody, validateTicket } from './validate';

describe('validateTicket', () => {
  it('accepts a subject and a description', () => {
    expect(validateTicket({ subject: 'Printer on fire', body: 'It is on fire.' })).toEqual({});
  });

  it('asks for both fields when they are blank', () => {
    const errors = validateTicket({ subject: '  ', body: '\n' });
    expect(errors.subject).toMatch(/Enter a subject/);
    expect(errors.body).toMatch(/Describe what you need/);
  });

  it('limits the subject to 250 characters, counting characters not bytes', () => {
    expect(validateTicket({ subject: 'é'.repeat(250), body: 'x' })).toEqual({});
    expect(validateTicket({ subject: 'a'.repeat(251), body: 'x' }).subject).toBe('Keep the subject to 250 characters (it has 251).');
  });
});

describe('validateBody', () => {
  it('refuses empty and too long bodies', () => {
    expect(validateBody('', 'Write something.')).toBe('Write something.');
    expect(validateBody('x'.repeat(maxBodyLength + 1), 'e')).toMatch(/too long/);
    expect(validateBody('fine', 'e')).toBeUndefined();
  });
});

describe('relabel', () => {
  it('puts the form label in front of a server message', () => {
    expect(relabel('Body is required.', 'Body', 'Description')).toBe('Description is required.');
    expect(relabel('Something else.', 'Body', 'Description')).toBe('Something else.');
    expect(relabel(undefined, 'Body', 'Description')).toBeUndefined();
  });
});
