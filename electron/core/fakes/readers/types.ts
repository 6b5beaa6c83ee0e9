import type { CheerioAPI } from 'cheerio';

/** One result on a marketplace search or category page, as the page shows it. */
export interface SearchResult {
  /** 1-based, in page order */
  position: number;
  listingId: string;
  url: string;
  title: string | null;
  /** the price as the page prints it */
  priceText: string | null;
  /** exact decimal string */
  price: string | null;
  currency: string | null;
  sellerName: string | null;
  sellerId: string | null;
  /** the seller's feedback count where the card shows it (eBay: "name (1.234) 99,5%") */
  feedbackCount?: number | null;
  thumbnail: string | null;
  sponsored: boolean;
}

export interface SearchReading {
  /** marketplace key, as the listing extractors name it (amazon.de, ebay, etsy…) */
  marketplace: string;
  /** which reader read the page */
  reader: string;
  /** true when no marketplace reader knew the page and the generic one read it */
  generic: boolean;
  results: SearchResult[];
}

export interface SearchReader {
  id: string;
  /** whether this reader knows the page: by its address or its layout */
  recognise(url: URL, $: CheerioAPI): boolean;
  marketplace(url: URL): string;
  read($: CheerioAPI, url: URL): Omit<SearchResult, 'position'>[];
  /** the address of page n (1-based) of the same search */
  pageUrl(url: URL, n: number): string;
}
