import { useState } from 'react';
import { Outlet } from 'react-router';
import { useMe } from '@/auth/useMe';
import { LiveProvider } from '@/live/LiveProvider';
import { SidebarTarget } from './ShellSidebar';
import { TopBar } from './TopBar';
import './shell.css';

// AppShell frames every signed-in page: a skip link, the top bar, the
// sidebar slot (filled by ShellSidebar) and the main landmark. It holds
// the tab's live connection (LiveProvider), one per signed-in user.
export default function AppShell() {
  const me = useMe();
  const [sidebar, setSidebar] = useState<HTMLElement | null>(null);
  if (!me.data) return null;
  return (
    <LiveProvider key={me.data.id} me={me.data}>
      <SidebarTarget.Provider value={sidebar}>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <div className="shell">
          <TopBar user={me.data} />
          <div className="shell-body">
            <aside className="shell-sidebar" aria-label="Views" ref={setSidebar} />
            <main id="main" className="shell-main" tabIndex={-1}>
              <Outlet />
            </main>
          </div>
        </div>
      </SidebarTarget.Provider>
    </LiveProvider>
  );
}
