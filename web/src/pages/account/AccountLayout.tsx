import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '@/ui/PageHeader';
import './account.css';

const tabs = [
  { to: '/account/password', label: 'Password' },
  { to: '/account/sessions', label: 'Sessions' },
  { to: '/account/tokens', label: 'API tokens' },
  { to: '/account/notifications', label: 'Notifications' },
];

// AccountLayout is the "Your account" section: one heading, a row of tabs
// (plain links, so each tab has its own address) and the chosen page.
export default function AccountLayout() {
  return (
    <>
      <PageHeader title="Your account" />
      <nav className="tabs" aria-label="Account settings">
        <ul>
          {tabs.map((t) => (
            <li key={t.to}>
              <NavLink to={t.to}>{t.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
