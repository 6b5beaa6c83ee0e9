/**
 * Values a marketplace keeps in its inline scripts, as `key: 'value'`,
 * `"key":"value"` or `key = 123`. Read with bounded patterns, never by
 * running the script: the page is evidence, not code to execute.
 */
export interface ScriptHit {
  key: string;
  value: string;
}

const escapeKey = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An identifier-like value (digits, letters, "-", "_", "."), quoted or not. */
export function scriptId(scripts: readonly string[], keys: readonly string[], shape = /^[\w.-]{1,64}$/): ScriptHit | null {
  for (const key of keys) {
    const r = new RegExp(`(?:^|[^\\w$])["']?${escapeKey(key)}["']?\\s*[:=]\\s*(?:"([\\w.-]{1,64})"|'([\\w.-]{1,64})'|(\\d{1,30})(?![\\w.]))`, 'g');
    for (const script of scripts) {
      r.lastIndex = 0;
      for (let m = r.exec(script), n = 0; m && n < 50; m = r.exec(script), n++) {
        const value = m[1] ?? m[2] ?? m[3] ?? '';
        if (shape.test(value) && !/^0+$/.test(value)) return { key, value };
      }
    }
  }
  return null;
}

/** A string value, JSON escapes (\u4e2d, \/) decoded. */
export function scriptString(scripts: readonly string[], keys: readonly string[]): ScriptHit | null {
  for (const key of keys) {
    const r = new RegExp(`(?:^|[^\\w$])["']?${escapeKey(key)}["']?\\s*[:=]\\s*(?:"((?:[^"\\\\\\n]|\\\\.){1,400})"|'((?:[^'\\\\\\n]|\\\\.){1,400})')`, 'g');
    for (const script of scripts) {
      r.lastIndex = 0;
      for (let m = r.exec(script), n = 0; m && n < 50; m = r.exec(script), n++) {
        const value = unescapeJs(m[1] ?? m[2] ?? '').trim();
        if (value) return { key, value };
      }
    }
  }
  return null;
}

function unescapeJs(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e.length > 1 && (e[0] === 'u' || e[0] === 'x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '' } as Record<string, string>)[e] ?? e;
  });
}

const JSON_CAP = 3_000_000;

/**
 * The JSON object or array that starts at `start` (a "{" or "["), found by
 * matching brackets outside strings, then parsed; null if it does not parse.
 */
export function jsonAt(text: string, start: number): unknown {
  const open = text[start];
  if (open !== '{' && open !== '[') return null;
  let depth = 0;
  let inString = false;
  const end = Math.min(text.length, start + JSON_CAP);
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return parseJson(text.slice(start, i + 1));
    }
  }
  return null;
}

/** The JSON value that follows the first match of `marker` in any script (e.g. /window\.runParams\s*=/). */
export function jsonAfter(scripts: readonly string[], marker: RegExp): { value: unknown; script: number } | null {
  for (let s = 0; s < scripts.length; s++) {
    const script = scripts[s]!;
    const m = marker.exec(script);
    if (!m) continue;
    const from = m.index + m[0].length;
    const rest = script.slice(from, from + 200);
    const offset = rest.search(/[{[]/);
    if (offset < 0 || rest.slice(0, offset).trim().replace(/^[=:(]/, '').trim() !== '') continue;
    const value = jsonAt(script, from + offset);
    if (value !== null) return { value, script: s };
  }
  return null;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Depth-first search of parsed JSON for the first object holding `key`, bounded in depth and breadth. */
export function findObjectWithKey(value: unknown, key: string, maxDepth = 14): Record<string, unknown> | null {
  return findObject(value, (o) => Object.hasOwn(o, key), maxDepth);
}

/** Depth-first search of parsed JSON for the first object that `test` accepts, bounded in depth and breadth. */
export function findObject(value: unknown, test: (o: Record<string, unknown>) => boolean, maxDepth = 14): Record<string, unknown> | null {
  const stack: [unknown, number][] = [[value, 0]];
  let visited = 0;
  while (stack.length && visited < 200_000) {
    const [v, depth] = stack.pop()!;
    visited++;
    if (!v || typeof v !== 'object' || depth > maxDepth) continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], depth + 1]);
      continue;
    }
    const o = v as Record<string, unknown>;
    if (test(o)) return o;
    const keys = Object.keys(o);
    for (let i = keys.length - 1; i >= 0; i--) stack.push([o[keys[i]!], depth + 1]);
  }
  return null;
}

/** A nested value by path ("props.pageProps.product"), or undefined. */
export function at(value: unknown, path: string): unknown {
  let v: unknown = value;
  for (const part of path.split('.')) {
    if (!v || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

export const asString = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : null);
