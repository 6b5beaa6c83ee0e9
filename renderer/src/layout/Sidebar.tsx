import { onHub } from '../api/transport.js';
import { CaseList } from './CaseList.js';
import { SellerList } from './SellerList.js';
import { WorkNav } from './WorkNav.js';

export function Sidebar() {
  return (
    <nav className="sidebar">
      {/* The team hub keeps no watches, takedowns or dossiers of its own: the team's cases (read-only) and sellers. */}
      {onHub() ? null : <WorkNav />}
      <CaseList />
      <SellerList />
    </nav>
  );
}
