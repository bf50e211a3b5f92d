import { Placeholder } from '@/ui/Placeholder';

// TicketListPage is a placeholder: the page is routed but not built yet.
export default function TicketListPage() {
  return <Placeholder title="Tickets" planned="The agent workspace: views with counts, filters, sorting, paging, multi-select and bulk actions." />;
}
