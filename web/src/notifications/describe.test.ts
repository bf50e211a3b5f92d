import { describe, expect, it } from 'vitest';
import { bellLabel, describeNotification, formatUnread } from './describe';
import { makeNotification } from './testing';

describe('describeNotification', () => {
  it.each([
    [{ kind: 'assigned' }, 'Alex assigned you #42 Printer on fire'],
    [{ kind: 'assigned', actor: null }, 'You were assigned #42 Printer on fire'],
    [{ kind: 'team_assigned' }, '#42 Printer on fire was assigned to your team'],
    [{ kind: 'customer_reply', actor: { id: 9, name: 'Jane' } }, 'New reply from Jane on #42 Printer on fire'],
    [{ kind: 'customer_reply', actor: null }, 'New reply on #42 Printer on fire'],
    [{ kind: 'mention' }, 'Alex mentioned you on #42 Printer on fire'],
    [{ kind: 'mention', actor: null }, 'You were mentioned on #42 Printer on fire'],
  ] as const)('%j reads "%s"', (over, want) => {
    expect(describeNotification(makeNotification(over))).toBe(want);
  });
});

describe('formatUnread and bellLabel', () => {
  it('caps the number at 999+', () => {
    expect(formatUnread(3)).toBe('3');
    expect(formatUnread(999)).toBe('999');
    expect(formatUnread(1000)).toBe('999+');
  });

  it('names the bell with the unread count', () => {
    expect(bellLabel(0)).toBe('Notifications');
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
    expect(bellLabel(1000)).toBe('Notifications, 999+ unread');
  });
});
