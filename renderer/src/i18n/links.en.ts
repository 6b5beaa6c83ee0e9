/** The words of seller linking (#20) in English; links.fr.ts gives the same keys in French. */

export type LinkKind = 'vat' | 'company' | 'email' | 'phone' | 'chat' | 'website' | 'address' | 'image' | 'text';

export const linksEn = {
  links: {
    title: 'Possibly the same operator as…',
    none: 'No other seller account shares evidence with this one.',
    loading: 'Comparing with the other sellers…',
    strong: 'Strong',
    weak: 'Weak',
    score: (n: number) => `score ${n}`,
    confirmed: 'Confirmed as one operator',
    shared: 'Shared',
    thisSeller: 'This seller',
    other: 'The other seller',
    confirm: 'Same operator',
    reject: 'Not linked',
    reason: 'Reason (kept in the custody log)',
    working: 'Recording…',
    mirrored: 'a mirrored copy',
    capture: 'capture',
    operator: (names: string) => `One operator: ${names}`,
    kinds: { vat: 'VAT number', company: 'Company number', email: 'E-mail', phone: 'Phone', chat: 'Chat handle', website: 'Web site', address: 'Address', image: 'Picture', text: 'Listing text' } satisfies Record<LinkKind, string>,
  },
};
