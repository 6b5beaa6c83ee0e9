import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../electron/core/util/canonical-json.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'é' }], c: true } })).toBe('{"a":{"c":true,"d":[3,{"y":"é","z":null}]},"b":1}');
  });
  it('sorts by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ '\u{1F600}': 1, '\uFFFF': 2, a: 3 })).toBe('{"a":3,"\u{1F600}":1,"\uFFFF":2}');
  });
  it('refuses what JSON cannot say exactly', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow('$.x is not a finite number');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('$.f has unsupported type function');
    expect(() => canonicalJson({ a: [1, { b: Number.POSITIVE_INFINITY }], c: 2 })).toThrow('$.a[1].b is not a finite number');
  });
});
