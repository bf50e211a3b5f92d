import { Placeholder } from '@/ui/Placeholder';

// TeamsPage is a placeholder: the page is routed but not built yet.
export default function TeamsPage() {
  return <Placeholder title="Teams" planned="Teams and their members." />;
}
