import { CaseList } from './CaseList.js';
import { SellerList } from './SellerList.js';

export function Sidebar() {
  return (
    <nav className="sidebar">
      <CaseList />
      <SellerList />
    </nav>
  );
}
