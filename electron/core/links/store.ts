import { promises as fs } from 'node:fs';
import { readSellerProfile } from '../extract/seller-profile.js';
import { findSeller, sellerLabel, type SellerRow } from '../catalogue/seller-ref.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import type { ObjectStore } from '../workspace/object-store.js';
import { computeLinks, operators, pairKey, type IdentifierItem, type Link, type TextItem } from './compute.js';
import { identifiersFromProfile, itemsFromListingText } from './items.js';
import { listingImages } from './listing-images.js';

/** A listing's text is read this far: contact details and descriptions sit well inside it. */
const TEXT_CAP = 50_000;

export interface SellerLink extends Link {
  aLabel: string;
  bLabel: string;
  /** the investigator's latest decision on this pair */
  decision: 'confirmed' | null;
}

export interface LinksReport {
  links: SellerLink[];
  /** sellers joined by strong links and confirmations, by label */
  operators: string[][];
  /** the same, by seller id */
  operatorIds: string[][];
  computedInMs: number;
}

interface Source {
  capture_id: string;
  seller_id: string;
  url: string;
  page_kind: string;
  sha256: string;
  name: string;
}

/**
 * Gathers the evidence from the workspace's own artifacts, every time: the
 * trader details on each captured seller page (its rendered DOM), the
 * contact details and text of each listing (its visible text) and the
 * pictures it showed (from its WARC), then links. Only the pictures' hashes
 * are kept between runs (listing-images.ts), so a new capture counts the
 * next time links are asked for.
 */
export async function computeWorkspaceLinks(db: Db, store: ObjectStore, sellerRef?: string): Promise<Result<LinksReport, string>> {
  const started = performance.now();
  let only: SellerRow | undefined;
  if (sellerRef !== undefined) {
    only = await findSeller(db, sellerRef);
    if (!only) return err(`No seller ${sellerRef} in this workspace. Name a seller as MARKETPLACE:ID (exhibit sellers lists them).`);
  }
  const identifiers: IdentifierItem[] = [];
  const texts: TextItem[] = [];
  const sources = await db.all<Source>(
    `SELECT c.id AS capture_id, c.seller_id, COALESCE(c.final_url, c.requested_url) AS url, x.page_kind, a.sha256, a.name
       FROM captures c JOIN capture_extraction x ON x.capture_id = c.id
       JOIN artifacts a ON a.capture_id = c.id AND a.kind = CASE x.page_kind WHEN 'storefront' THEN 'dom' ELSE 'text' END
      WHERE c.seller_id IS NOT NULL AND x.page_kind IN ('storefront', 'listing') ORDER BY c.started_at, c.id`,
  );
  const countryOf = new Map<string, string>();
  for (const s of sources.filter((r) => r.page_kind === 'storefront')) {
    const profile = readSellerProfile(await fs.readFile(store.pathOf(s.sha256), 'utf8'), s.url);
    if (!profile) continue;
    if (profile.country) countryOf.set(s.seller_id, profile.country);
    identifiers.push(...identifiersFromProfile({ sellerId: s.seller_id, captureId: s.capture_id, artifact: s.name }, profile));
  }
  for (const s of sources.filter((r) => r.page_kind === 'listing')) {
    const text = (await fs.readFile(store.pathOf(s.sha256), 'utf8')).slice(0, TEXT_CAP);
    const found = itemsFromListingText({ sellerId: s.seller_id, captureId: s.capture_id, artifact: s.name }, 'text', text, countryOf.get(s.seller_id) ?? null);
    identifiers.push(...found.identifiers);
    if (found.text) texts.push(found.text);
  }
  const decisions = await decisionsInForce(db);
  const rejected = new Set([...decisions].filter(([, d]) => d === 'rejected').map(([k]) => k));
  const confirmed = [...decisions].filter(([, d]) => d === 'confirmed').map(([k]) => k.split('|') as [string, string]);
  const images = await listingImages(db, store);
  const all = computeLinks({ identifiers, images, texts, rejected });
  const sellers = await db.all<{ id: string; marketplace: string; sellerKey: string; displayName: string | null }>(
    'SELECT id, marketplace, seller_key AS sellerKey, display_name AS displayName FROM sellers ORDER BY id',
  );
  const label = new Map(sellers.map((s) => [s.id, sellerLabel(s)]));
  const operatorIds = operators(sellers.map((s) => s.id), all, confirmed);
  const clusters = operatorIds.map((g) => g.map((id) => label.get(id) ?? id));
  const links = all
    .filter((l) => !only || l.a === only.id || l.b === only.id)
    .map((l): SellerLink => ({ ...l, aLabel: label.get(l.a) ?? l.a, bLabel: label.get(l.b) ?? l.b, decision: decisions.get(pairKey(l.a, l.b)) === 'confirmed' ? 'confirmed' : null }));
  return ok({ links, operators: clusters, operatorIds, computedInMs: Math.round(performance.now() - started) });
}

/** The latest decision on each pair, "a|b" → decision. */
export async function decisionsInForce(db: Db): Promise<Map<string, 'confirmed' | 'rejected'>> {
  const rows = await db.all<{ seller_a: string; seller_b: string; decision: 'confirmed' | 'rejected' }>('SELECT seller_a, seller_b, decision FROM seller_link_decisions ORDER BY seq');
  return new Map(rows.map((r) => [pairKey(r.seller_a, r.seller_b), r.decision]));
}

export const LINK_ACTIONS = { confirmed: 'seller.link-confirmed', rejected: 'seller.link-rejected' } as const;

/**
 * The investigator confirms two accounts are one operator, or rejects the
 * link; recorded with a custody entry, in one transaction. The pair is
 * stored in id order, so "A B" and "B A" are one pair.
 */
export async function decideLink(db: Db, refA: string, refB: string, decision: 'confirmed' | 'rejected', reason = ''): Promise<Result<{ seq: number; a: string; b: string }, string>> {
  return db.transaction(async (tx) => {
    const x = await findSeller(tx, refA);
    if (!x) return err(`No seller ${refA} in this workspace. Name a seller as MARKETPLACE:ID (exhibit sellers lists them).`);
    const y = await findSeller(tx, refB);
    if (!y) return err(`No seller ${refB} in this workspace. Name a seller as MARKETPLACE:ID (exhibit sellers lists them).`);
    if (x.id === y.id) return err(`${refA} and ${refB} are the same seller; nothing was recorded.`);
    const [a, b] = x.id < y.id ? [x, y] : [y, x];
    const at = utcNow();
    const r = await tx.run('INSERT INTO seller_link_decisions (seller_a, seller_b, decision, reason, decided_at) VALUES (?, ?, ?, ?, ?)', [a.id, b.id, decision, reason, at]);
    const seq = Number(r.lastID);
    await appendCustody(tx, {
      action: LINK_ACTIONS[decision],
      subject: a.id,
      details: { decisionSeq: seq, a: a.id, b: b.id, aLabel: sellerLabel(a), bLabel: sellerLabel(b), decision, reason, at },
    });
    return ok({ seq, a: a.id, b: b.id });
  });
}
