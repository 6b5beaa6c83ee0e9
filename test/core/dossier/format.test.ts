import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../../electron/core/dossier/i18n/index.js';
import { amount } from '../../../electron/core/dossier/render/format.js';

const en = stringsFor('en');
const fr = stringsFor('fr');

describe('prices in a dossier, written the reader’s way', () => {
  it('groups thousands and uses the decimal sign of the dossier’s language, keeping every digit and the ISO code', () => {
    expect(amount('1234567.50 EUR', en)).toBe('1,234,567.50\u00a0EUR');
    expect(amount('1234567.50 EUR', fr)).toBe('1\u00a0234\u00a0567,50\u00a0EUR');
    expect(amount('999 JPY', fr)).toBe('999\u00a0JPY');
    expect(amount('0.005 USD', en)).toBe('0.005\u00a0USD');
    expect(amount('-12.00', fr)).toBe('-12,00');
  });

  it('prints anything that is not a plain amount exactly as recorded', () => {
    for (const recorded of ['10.00-20.00 USD', 'US $89.99', '1,234.56 EUR', 'from 12 EUR', '', '12.50 eur']) {
      expect(amount(recorded, fr)).toBe(recorded);
    }
  });
});

describe('the clock check’s recorded reason, in the dossier’s language', () => {
  it('words every known form in French, keeping server names, codes and numbers; English keeps the record as it is', () => {
    const recorded =
      "time.cloudflare.com: DNS lookup failed (ENOTFOUND); pool.ntp.org: no answer within 3 s / network error (EHOSTUNREACH); time.google.com: no valid answer within 3 s (replies did not match our request) / kiss-o'-death (RATE) / invalid reply (stratum 16)";
    expect(en.time.clockReason(recorded)).toBe(recorded);
    const french = fr.time.clockReason(recorded);
    expect(french).toBe(
      'time.cloudflare.com\u202f: échec de la résolution DNS (ENOTFOUND)\u202f; pool.ntp.org\u202f: aucune réponse en 3\u00a0s / erreur réseau (EHOSTUNREACH)\u202f; time.google.com\u202f: aucune réponse valide en 3\u00a0s (les réponses ne correspondaient pas à la requête) / refus du serveur (kiss-o’-death) (RATE) / réponse invalide (stratum 16)',
    );
    expect(fr.time.clockReason('no NTP server configured')).toBe('aucun serveur NTP configuré');
  });
});
