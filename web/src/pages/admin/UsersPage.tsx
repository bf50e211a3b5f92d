import { Placeholder } from '@/ui/Placeholder';

// UsersPage is a placeholder: the page is routed but not built yet.
export default function UsersPage() {
  return <Placeholder title="Users" planned="Invite or create users, change roles, deactivate accounts." />;
}
