import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TextField } from './TextField';

describe('TextField', () => {
  it('labels its input and describes it with the hint', () => {
    render(<TextField label="Email" name="email" type="email" hint="We never share it." />);
    const input = screen.getByLabelText('Email');
    expect(input).toHaveAttribute('name', 'email');
    expect(input).toHaveAttribute('type', 'email');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).toHaveAccessibleDescription('We never share it.');
  });

  it('marks the input invalid and reads the error with it', () => {
    render(<TextField label="Password" name="password" hint="12 characters." error="Too short." />);
    const input = screen.getByLabelText('Password');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('12 characters. Too short.');
  });

  it('gives two fields different ids', () => {
    render(
      <>
        <TextField label="A" name="a" />
        <TextField label="B" name="b" />
      </>,
    );
    expect(screen.getByLabelText('A').id).not.toBe(screen.getByLabelText('B').id);
  });
});
