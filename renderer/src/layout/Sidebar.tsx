import { onHub } from '../api/transport.js';
import { CaseList } from './CaseList.js';
import { SellerList } from './SellerList.js';
import { WorkNav } from './WorkNav.js';

export function Sidebar() {
  return (
    <nav className="sidebar">
      {/* The team hub keeps no watches, takedowns, dossiers or cases of its own: its sellers only. */}
      {onHub() ? null : <WorkNav />}
      {onHub() ? null : <CaseList />}
      <SellerList />
    </nav>
  );
}
