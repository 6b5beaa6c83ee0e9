import { describe, expect, it } from 'vitest';
import { displayJson, displayText, fitColumn, xmlText } from '../../../electron/core/util/display-text.js';
import { consoleOutput, column } from '../../../electron/cli/output.js';
import { describeEnvironmentError, describeInternalError } from '../../../electron/cli/failure.js';

class Sink {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('text from pages shown as data', () => {
  it('escapes C0, DEL, C1, bidi controls, separators, non-characters and lone surrogates, and nothing else', () => {
    expect(displayText('a\u001b[2Jb\u0007c\u007fd\u009be\u202ef\u2066g\u200eh\u061ci\u2028j\ufffek')).toBe('a\\u001b[2Jb\\u0007c\\u007fd\\u009be\\u202ef\\u2066g\\u200eh\\u061ci\\u2028j\\ufffek');
    expect(displayText('tab\there\nline')).toBe('tab\\there\\u000aline');
    expect(displayText('kept\nline', { lineBreaks: 'keep' })).toBe('kept\nline');
    expect(displayText('lone \ud800 and \udc00 but 😀 whole')).toBe('lone \\ud800 and \\udc00 but 😀 whole');
    expect(displayText('Ünïcödé, 中文, العربية, café')).toBe('Ünïcödé, 中文, العربية, café');
  });

  it('JSON keeps the value: parsed back, it is the same string', () => {
    const value = { title: 'x\u001b]52;c;ZXZpbA==\u0007\u009b\u202e\u2066y' };
    const json = displayJson(value);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('XML text is escaped and has no character XML 1.0 forbids', () => {
    expect(xmlText('a & <b> "c" \'d\' \u001b\u0000\ud800')).toBe('a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos; \\u001b\\u0000\\ud800');
  });

  it('cuts columns by characters, after escaping', () => {
    expect(fitColumn('😀😀😀', 2)).toBe('😀…');
    expect(fitColumn('ab', 4)).toBe('ab  ');
    expect(column('\u001b[2Jname', 8)).toBe('\\u001b[…');
    expect(column('long-seller-key', 4, { cut: false })).toBe('long-seller-key');
  });

  it('the CLI output escapes every line, error and JSON it writes', () => {
    const out = new Sink();
    const err = new Sink();
    const o = consoleOutput(false, out as unknown as NodeJS.WritableStream, err as unknown as NodeJS.WritableStream);
    o.line('title: \u001b[2Jx\nsecond line');
    o.text('csv,\u0007\n');
    o.error('bad \u009b31m');
    expect(out.text).toBe('title: \\u001b[2Jx\nsecond line\ncsv,\\u0007\n');
    expect(err.text).toBe('bad \\u009b31m\n');
    const j = new Sink();
    consoleOutput(true, j as unknown as NodeJS.WritableStream).data({ t: '\u009b' });
    expect(j.text).toBe('{\n  "t": "\\u009b"\n}\n');
  });
});

describe('failures as messages', () => {
  it('names a full disk, a read-only disk and a damaged database; anything else is a bug in one line', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(describeEnvironmentError(enospc)).toBe('the disk is full: ENOSPC: no space left on device, write.');
    expect(describeEnvironmentError(Object.assign(new Error('SQLITE_CORRUPT: database disk image is malformed'), { code: 'SQLITE_CORRUPT' }))).toMatch(/damaged/);
    expect(describeEnvironmentError(new TypeError('x is undefined'))).toBeUndefined();
    const bug = new TypeError('Cannot read properties of undefined (reading \'x\')\nmore');
    expect(describeInternalError('exhibit show', bug, false)).toBe("exhibit show: internal error (TypeError: Cannot read properties of undefined (reading 'x')). This is a bug in Exhibit: please report it with the output of the same command run with EXHIBIT_DEBUG=1.");
    expect(describeInternalError('exhibit show', bug, true)).toContain('\n    at ');
  });
});
