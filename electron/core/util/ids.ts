import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID: 48 bits of milliseconds then 80 random bits, in Crockford base32.
 * Sorts by creation time, and has no letters that read alike (I, L, O, U) —
 * these ids are read aloud and typed from printed dossiers.
 */
export function newId(now: number = Date.now()): string {
  let out = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out;
    t = Math.floor(t / 32);
  }
  const rnd = randomBytes(16);
  for (let i = 0; i < 16; i++) out += CROCKFORD[rnd[i]! % 32];
  return out;
}

export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
