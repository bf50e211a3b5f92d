import { Link, NavLink } from 'react-router';
import type { User } from '@/api/types';
import { homeFor } from '@/auth/home';
import { LiveStatusNote } from '@/live/LiveStatusNote';
import { NotificationBell } from '@/notifications/NotificationBell';
import { UserMenu } from './UserMenu';

interface NavItem {
  to: string;
  label: string;
}

// navFor lists the sections a role may visit.
export function navFor(role: User['role']): NavItem[] {
  switch (role) {
    case 'customer':
      return [
        { to: '/portal', label: 'My tickets' },
        { to: '/portal/tickets/new', label: 'New ticket' },
      ];
    case 'agent':
      return [{ to: '/tickets', label: 'Tickets' }];
    case 'admin':
      return [
        { to: '/tickets', label: 'Tickets' },
        // /admin redirects to /admin/users; NavLink marks every /admin/* page.
        { to: '/admin', label: 'Admin' },
      ];
  }
}

// TopBar is the banner on every signed-in page: the product name, the
// sections of the user's role, the notification bell and the user menu.
export function TopBar({ user }: { user: User }) {
  return (
    <header className="topbar">
      <Link to={homeFor(user.role)} className="brand">
        <img src="/favicon.svg" alt="" width="24" height="24" />
        <span>Triage</span>
      </Link>
      <nav aria-label="Main" className="topbar-nav">
        <ul>
          {navFor(user.role).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.to === '/portal'}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <NotificationBell user={user} />
      <UserMenu user={user} />
      <LiveStatusNote />
    </header>
  );
}
