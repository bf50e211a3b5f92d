import { createRef } from 'react';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TextAreaField } from './TextAreaField';

describe('TextAreaField', () => {
  it('labels its textarea, describes it with the hint and forwards the ref', () => {
    const ref = createRef<HTMLTextAreaElement>();
    render(<TextAreaField ref={ref} label="Description" name="body" hint="Markdown works." />);
    const input = screen.getByLabelText('Description');
    expect(input.tagName).toBe('TEXTAREA');
    expect(input).toHaveAttribute('name', 'body');
    expect(input).toHaveAccessibleDescription('Markdown works.');
    expect(ref.current).toBe(input);
  });

  it('marks the textarea invalid and reads hint and error with it', () => {
    render(<TextAreaField label="Reply" name="body" hint="Be kind." error="is required" />);
    const input = screen.getByLabelText('Reply');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Be kind. is required');
  });
});
