import { promises as fs } from 'node:fs';
import { listingText } from '../extract/listing-text.js';
import { PROFILE_FIELDS, type ProfileField } from '../extract/seller-profile.js';
import { findSeller, sellerLabel, type SellerRow } from '../catalogue/seller-ref.js';
import { links as linkRows } from '../store/index.js';
import { err, ok, type Result } from '../util/result.js';
import { utcNow } from '../util/time.js';
import { appendCustody } from '../workspace/custody.js';
import type { Db } from '../workspace/db.js';
import type { ObjectStore } from '../workspace/object-store.js';
import { computeLinks, operators, pairKey, type IdentifierItem, type Link, type TextItem } from './compute.js';
import { identifiersFromProfile, itemsFromListingText } from './items.js';
import { listingImages } from './listing-images.js';
import { storedProfile } from './stored-profile.js';

/** A listing's text is read this far: contact details and descriptions sit well inside it. */
const TEXT_CAP = 50_000;

export interface SellerLink extends Link {
  aLabel: string;
  bLabel: string;
  /** the investigator's latest decision on this pair */
  decision: 'confirmed' | null;
}

/** A seller's trader details as its latest captured seller page gave them: what the two sides of a link are shown with. */
export interface TraderDetails {
  captureId: string;
  artifact: string;
  url: string;
  fields: { field: ProfileField; value: string; source: string }[];
}

export interface LinksReport {
  links: SellerLink[];
  /** sellers joined by strong links and confirmations, by label */
  operators: string[][];
  /** the same, by seller id */
  operatorIds: string[][];
  /** each seller's trader details, from its latest seller page that gave any, by seller id */
  traderDetails: Record<string, TraderDetails>;
  computedInMs: number;
}

/**
 * Gathers the evidence from the workspace's own artifacts, every time: the
 * trader details on each captured seller page (its rendered DOM), the
 * contact details and text of each listing (the main content of its
 * rendered DOM, without the marketplace's frame; its visible text for a
 * capture that kept no DOM) and the
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
  const byCapture = new Map<string, linkRows.LinkSource[]>();
  for (const s of await linkRows.linkSources(db)) byCapture.set(s.capture_id, [...(byCapture.get(s.capture_id) ?? []), s]);
  const countryOf = new Map<string, string>();
  const traderDetails: Record<string, TraderDetails> = {};
  const pick = (rows: linkRows.LinkSource[], kind: string) => rows.find((r) => r.kind === kind);
  const all = [...byCapture.values()];
  for (const rows of all.filter((r) => r[0]!.page_kind === 'storefront')) {
    const s = pick(rows, 'dom');
    if (!s) continue;
    const profile = await storedProfile(store, s.sha256, s.url);
    if (!profile) continue;
    const fields = PROFILE_FIELDS.flatMap((f) => (profile[f] ? [{ field: f, value: profile[f].value, source: profile[f].source }] : []));
    if (fields.length > 0) traderDetails[s.seller_id] = { captureId: s.capture_id, artifact: s.name, url: s.url, fields };
    if (profile.country) countryOf.set(s.seller_id, profile.country);
    identifiers.push(...identifiersFromProfile({ sellerId: s.seller_id, captureId: s.capture_id, artifact: s.name }, profile));
  }
  for (const rows of all.filter((r) => r[0]!.page_kind === 'listing')) {
    // The seller's own words: the listing's main content as rendered, not the marketplace's frame around it.
    const dom = pick(rows, 'dom');
    const s = dom ?? pick(rows, 'text');
    if (!s) continue;
    const content = await fs.readFile(store.pathOf(s.sha256), 'utf8');
    const text = dom ? listingText(content).text : content.slice(0, TEXT_CAP);
    const found = itemsFromListingText({ sellerId: s.seller_id, captureId: s.capture_id, artifact: s.name }, dom ? 'main content' : 'text', text, countryOf.get(s.seller_id) ?? null);
    identifiers.push(...found.identifiers);
    if (found.text) texts.push(found.text);
  }
  const decisions = await decisionsInForce(db);
  const rejected = new Set([...decisions].filter(([, d]) => d === 'rejected').map(([k]) => k));
  const confirmed = [...decisions].filter(([, d]) => d === 'confirmed').map(([k]) => k.split('|') as [string, string]);
  const images = await listingImages(db, store);
  const computed = computeLinks({ identifiers, images, texts, rejected });
  const sellers = await linkRows.sellerNames(db);
  const label = new Map(sellers.map((s) => [s.id, sellerLabel(s)]));
  const operatorIds = operators(sellers.map((s) => s.id), computed, confirmed);
  const clusters = operatorIds.map((g) => g.map((id) => label.get(id) ?? id));
  const links = computed
    .filter((l) => !only || l.a === only.id || l.b === only.id)
    .map((l): SellerLink => ({ ...l, aLabel: label.get(l.a) ?? l.a, bLabel: label.get(l.b) ?? l.b, decision: decisions.get(pairKey(l.a, l.b)) === 'confirmed' ? 'confirmed' : null }));
  return ok({ links, operators: clusters, operatorIds, traderDetails, computedInMs: Math.round(performance.now() - started) });
}

/** The latest decision on each pair, "a|b" → decision. */
export async function decisionsInForce(db: Db): Promise<Map<string, 'confirmed' | 'rejected'>> {
  const rows = await linkRows.decisions(db);
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
    const seq = await linkRows.insertDecision(tx, { a: a.id, b: b.id, decision, reason, at });
    await appendCustody(tx, {
      action: LINK_ACTIONS[decision],
      subject: a.id,
      details: { decisionSeq: seq, a: a.id, b: b.id, aLabel: sellerLabel(a), bLabel: sellerLabel(b), decision, reason, at },
    });
    return ok({ seq, a: a.id, b: b.id });
  });
}
