import type { Notification } from './queries';

// ticketName is "#42 Printer on fire".
function ticketName(n: Notification): string {
  return `#${n.ticket_id} ${n.ticket_subject}`;
}

// describeNotification phrases a notification as a sentence, e.g.
// "Alex assigned you #42 Printer on fire".
export function describeNotification(n: Notification): string {
  const who = n.actor?.name;
  const ticket = ticketName(n);
  switch (n.kind) {
    case 'assigned':
      return who ? `${who} assigned you ${ticket}` : `You were assigned ${ticket}`;
    case 'team_assigned':
      return `${ticket} was assigned to your team`;
    case 'customer_reply':
      return who ? `New reply from ${who} on ${ticket}` : `New reply on ${ticket}`;
    case 'mention':
      return who ? `${who} mentioned you on ${ticket}` : `You were mentioned on ${ticket}`;
    default:
      return `Update on ${ticket}`;
  }
}

// formatUnread is the badge's number: "999+" above 999.
export function formatUnread(count: number): string {
  return count > 999 ? '999+' : String(count);
}

// bellLabel is the bell button's accessible name.
export function bellLabel(count: number): string {
  return count > 0 ? `Notifications, ${formatUnread(count)} unread` : 'Notifications';
}
