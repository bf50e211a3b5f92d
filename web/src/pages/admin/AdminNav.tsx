import { NavLink } from 'react-router';
import './admin.css';

const sections = [
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/teams', label: 'Teams' },
  { to: '/admin/audit', label: 'Audit log' },
  { to: '/admin/jobs', label: 'Jobs' },
];

// AdminNav moves between the admin pages.
export function AdminNav() {
  return (
    <nav className="admin-nav" aria-label="Admin">
      <ul>
        {sections.map((s) => (
          <li key={s.to}>
            <NavLink to={s.to}>{s.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
