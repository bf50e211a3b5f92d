import { Placeholder } from '@/ui/Placeholder';

// NewTicketPage is a placeholder: the page is routed but not built yet.
export default function NewTicketPage() {
  return <Placeholder title="New ticket" planned="The form a customer uses to open a ticket." />;
}
