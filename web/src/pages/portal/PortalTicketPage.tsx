import { Placeholder } from '@/ui/Placeholder';

// PortalTicketPage is a placeholder: the page is routed but not built yet.
export default function PortalTicketPage() {
  return <Placeholder title="Ticket" planned="The public conversation of one ticket, with a reply box, reopen and mark solved." />;
}
