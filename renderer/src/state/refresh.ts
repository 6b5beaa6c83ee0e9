import { useCases } from './cases.js';
import { useSeller } from './seller.js';
import { useSellers } from './sellers.js';

/** After new evidence arrives: the lists and the seller on screen show it. */
export async function refreshCatalogue(): Promise<void> {
  const seller = useSeller.getState();
  await Promise.all([useCases.getState().load(), useSellers.getState().load(), seller.id ? seller.load(seller.id) : Promise.resolve()]);
}
