import { Placeholder } from '@/ui/Placeholder';

// AuditPage is a placeholder: the page is routed but not built yet.
export default function AuditPage() {
  return <Placeholder title="Audit log" planned="The audit log with filters." />;
}
