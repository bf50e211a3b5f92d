import { Placeholder } from '@/ui/Placeholder';

// TicketPage is a placeholder: the page is routed but not built yet.
export default function TicketPage() {
  return <Placeholder title="Ticket" planned="The agent ticket page: conversation, reply box with internal notes, and the side panel." />;
}
