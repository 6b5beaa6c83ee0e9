/**
 * The pages marketplaces show in place of a listing that was taken down or
 * ended, often with status 200. Matched on the top of the visible text (the
 * notice is the page's headline; a listing that merely mentions "no longer
 * available" further down is not one). The phrase matched is kept with the
 * classification, so anyone can check why a listing was called removed.
 */
const NOTICES: RegExp[] = [
  // eBay
  /this listing (was|has) ended|this listing is no longer available|the item you selected is no longer available|we looked everywhere\.? looks like this page is missing/i,
  /dieses angebot wurde (vom verkäufer )?beendet|cette annonce (a été|est) (terminée|retirée)|questa inserzione è terminata/i,
  // Amazon, on its national sites
  /we'?re sorry\.? the web address you entered is not a functioning page|sorry! we couldn'?t find that page/i,
  /die eingegebene webadresse ist keine funktionierende seite|l'adresse web que vous avez saisie n'est pas une page active|l'indirizzo web che hai inserito non è una pagina funzionante|la dirección web que has especificado no es una página activa/i,
  // AliExpress, Alibaba.com, Walmart, Etsy and most shops
  /(this|the) (item|product|listing|page) (you('re| are) looking for )?(is|has been) (no longer available|removed|deleted|discontinued and removed)/i,
  /sorry,? this (item|product|listing)( and shop)? (is|are) (no longer|currently un)available/i,
  /this item is no longer available|the page you requested (can ?not|could not) be found|page not found|404 not found/i,
  // Taobao, Tmall, 1688
  /宝贝不存在|此宝贝已下架|宝贝已下架|商品已下架|很抱歉，您查看的(宝贝|商品)不存在|该商品已下柜|商品不存在/,
  // French
  /cet article n'est plus disponible|ce produit n'est plus disponible|cette page est introuvable/i,
];

export interface RemovalNotice {
  matched: string;
}

/** Where the headline of a page ends: the notice is among the first lines, never in the reviews. */
const HEAD_CHARS = 1500;

export function detectRemovalNotice(page: { title: string; text: string }): RemovalNotice | null {
  const head = `${page.title}\n${page.text.slice(0, HEAD_CHARS)}`;
  for (const r of NOTICES) {
    const m = r.exec(head);
    if (m) return { matched: m[0] };
  }
  return null;
}
