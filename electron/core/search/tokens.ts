/*
 * SQLite's unicode61 tokenizer splits on spaces and punctuation, which
 * Chinese and Japanese do not use: a Taobao title would be one huge token and
 * 耐克 (Nike) would never match inside it. So CJK characters are indexed one
 * character a token, and a CJK run in a query becomes a phrase of characters:
 * the run must appear in that order, adjacent, which is what the user typed.
 */

// Han (incl. extensions), Hiragana, Katakana, Hangul, CJK punctuation and full-width forms.
const CJK = /[\u2E80-\u2FFF\u3000-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]|[\uD840-\uD87F][\uDC00-\uDFFF]/gu;

/** The text as it goes into the index. */
export function indexableText(text: string): string {
  return text.replace(CJK, (c) => ` ${c} `);
}

/**
 * A user's search words as an FTS5 query: every word must match (AND); a
 * word ending in * matches as a prefix; quotes keep a phrase together.
 * Everything else is quoted, so no input is FTS5 syntax by accident
 * (a bare AND, NEAR, a colon or a minus sign would be).
 */
export function ftsQuery(input: string): string | null {
  const parts: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(input); m !== null; m = re.exec(input)) {
    const raw = m[1] ?? m[2] ?? '';
    const prefix = m[2] !== undefined && raw.endsWith('*') && raw.length > 1;
    const words = indexableText(prefix ? raw.slice(0, -1) : raw)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '');
    if (words.length === 0) continue;
    parts.push(`"${words.join(' ')}"${prefix ? '*' : ''}`);
  }
  return parts.length > 0 ? parts.join(' AND ') : null;
}
