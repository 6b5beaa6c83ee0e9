import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Font files, found through the packages that ship them (TrueType: pdfkit cannot embed WOFF2). */
function fontPath(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

export const FONT_FILES = {
  sans: fontPath('dejavu-fonts-ttf', 'ttf/DejaVuSans.ttf'),
  sansBold: fontPath('dejavu-fonts-ttf', 'ttf/DejaVuSans-Bold.ttf'),
  sansOblique: fontPath('dejavu-fonts-ttf', 'ttf/DejaVuSans-Oblique.ttf'),
  mono: fontPath('dejavu-fonts-ttf', 'ttf/DejaVuSansMono.ttf'),
  cjk: fontPath('@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf'),
  cjkBold: fontPath('@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf'),
} as const;

export type FontName = keyof typeof FONT_FILES;

/**
 * Han, kana, hangul, CJK punctuation and full-width forms: DejaVu has none of
 * them, so such runs are set in Noto Sans SC. Everything else (Latin, Greek,
 * Cyrillic, Hebrew, Arabic) is DejaVu's.
 */
const CJK_RUN = /([\u2E80-\u2FFF\u3000-\u30FF\u3100-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD840-\uD87F][\uDC00-\uDFFF])+/gu;

export interface TextRun {
  text: string;
  cjk: boolean;
}

/** A string cut where it changes between CJK and other scripts, so each run can be set in a font that has its glyphs. */
export function scriptRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const m of text.matchAll(CJK_RUN)) {
    if (m.index > last) runs.push({ text: text.slice(last, m.index), cjk: false });
    runs.push({ text: m[0], cjk: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), cjk: false });
  return runs;
}

const CJK_ANY = new RegExp(CJK_RUN.source, 'u');

export function hasCjk(text: string): boolean {
  return CJK_ANY.test(text);
}
