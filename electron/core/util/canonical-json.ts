/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no insignificant
 * whitespace, the number and string forms of JSON.stringify. It is the JSON
 * Canonicalization Scheme (RFC 8785) for the values Exhibit hashes (strings,
 * integers, booleans, null), so a third party can recompute a manifest's or a
 * custody entry's hash with any RFC 8785 implementation.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  return serialise(value, []);
}

/**
 * `at` is the way down to `value`, kept as a stack rather than a string built
 * for every value: the path is only needed to name a value that cannot be
 * serialised, and verification hashes every custody entry with this.
 */
function serialise(value: unknown, at: (string | number)[]): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${pathOf(at)} is not a finite number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        const items: string[] = [];
        for (let i = 0; i < value.length; i++) {
          at.push(i);
          items.push(serialise(value[i], at));
          at.pop();
        }
        return `[${items.join(',')}]`;
      }
      const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
      keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const members: string[] = [];
      for (const k of keys) {
        at.push(k);
        members.push(`${JSON.stringify(k)}:${serialise((value as Record<string, unknown>)[k], at)}`);
        at.pop();
      }
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON: ${pathOf(at)} has unsupported type ${typeof value}`);
  }
}

function pathOf(at: readonly (string | number)[]): string {
  return `$${at.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;
}
