import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { User } from '@/api/types';
import { useLogout } from '@/auth/mutations';

const roleNames: Record<User['role'], string> = { admin: 'Administrator', agent: 'Agent', customer: 'Customer' };

// UserMenu is the signed-in user's name in the top bar; it opens a menu with
// their account pages and "Sign out". Escape and clicks outside close it.
export function UserMenu({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const logout = useLogout();

  useEffect(() => {
    if (!open) return;
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    }
    function onPointer(e: PointerEvent) {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    }
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const close = () => setOpen(false);
  return (
    <div className="user-menu" ref={root}>
      <button ref={button} type="button" className="user-menu-button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen((o) => !o)}>
        <span className="avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="user-menu-name">{user.name}</span>
        <span className="visually-hidden">, account menu</span>
      </button>
      <div id={menuId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-who">
          <strong>{user.name}</strong>
          <span>{user.email}</span>
          <span className="badge">{roleNames[user.role]}</span>
        </p>
        <nav aria-label="Account">
          <ul>
            <li>
              <Link to="/account/password" onClick={close}>
                Change password
              </Link>
            </li>
            <li>
              <Link to="/account/sessions" onClick={close}>
                Sessions
              </Link>
            </li>
            <li>
              <Link to="/account/tokens" onClick={close}>
                API tokens
              </Link>
            </li>
            <li>
              <Link to="/account/notifications" onClick={close}>
                Email notifications
              </Link>
            </li>
          </ul>
        </nav>
        <button type="button" className="user-menu-signout" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {logout.isPending ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </div>
  );
}

// initials are up to two letters from a name, for the avatar.
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
