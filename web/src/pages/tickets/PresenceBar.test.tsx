import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PresenceBar } from './PresenceBar';

describe('PresenceBar', () => {
  it('says who is replying in words, prominently, and who is viewing', () => {
    const { container } = render(
      <PresenceBar
        people={[
          { userId: 2, name: 'Alex', state: 'replying', seen: 0 },
          { userId: 3, name: 'Sam', state: 'viewing', seen: 0 },
        ]}
      />,
    );
    const list = screen.getByRole('list', { name: 'Also on this ticket' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Alex is replying');
    expect(items[0]).toHaveClass('presence-replying');
    expect(within(items[0] as HTMLElement).getByText('Alex is replying').tagName).toBe('STRONG');
    expect(items[1]).toHaveTextContent('Sam is viewing');
    expect(container.firstChild).toHaveAttribute('aria-live', 'polite');
  });

  it('keeps its live region, empty, when nobody else is there', () => {
    const { container } = render(<PresenceBar people={[]} />);
    expect(container.firstChild).toBeEmptyDOMElement();
    expect(container.firstChild).toHaveAttribute('aria-live', 'polite');
  });
});
