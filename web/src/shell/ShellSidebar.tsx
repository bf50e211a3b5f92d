import { createContext, useContext, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

// SidebarTarget is the shell's sidebar element, once it is mounted.
export const SidebarTarget = createContext<HTMLElement | null>(null);

// ShellSidebar puts its children in the shell's sidebar, e.g. the agent
// workspace's list of views. The sidebar is hidden while nothing is in it.
// Render it from any page inside AppShell:
//   <ShellSidebar><ViewList /></ShellSidebar>
export function ShellSidebar({ children }: { children: ReactNode }) {
  const target = useContext(SidebarTarget);
  return target ? createPortal(children, target) : null;
}
