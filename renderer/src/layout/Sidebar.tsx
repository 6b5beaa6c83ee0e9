import { CaseList } from './CaseList.js';
import { SellerList } from './SellerList.js';
import { WorkNav } from './WorkNav.js';

export function Sidebar() {
  return (
    <nav className="sidebar">
      <WorkNav />
      <CaseList />
      <SellerList />
    </nav>
  );
}
