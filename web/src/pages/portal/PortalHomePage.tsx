import { Placeholder } from '@/ui/Placeholder';

// PortalHomePage is a placeholder: the page is routed but not built yet.
export default function PortalHomePage() {
  return <Placeholder title="My tickets" planned="The customer's tickets with their status." />;
}
