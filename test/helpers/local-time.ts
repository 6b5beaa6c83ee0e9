import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { exhibit } from './cli.js';
import { tempDir } from './tmp.js';
import type { Tsa } from './tsa.mjs';

/** The default authorities are on the internet: a test workspace asks only the local authority and NTP server. */
export async function useLocalTime(dir: string, o: { tsa: Tsa; name: string; ntp: string }): Promise<void> {
  for (const url of ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com/qualified']) expect((await exhibit(['tsa', 'remove', url, '--workspace', dir])).code).toBe(0);
  const rootFile = join(tempDir(), 'root.pem');
  writeFileSync(rootFile, o.tsa.rootPem);
  expect((await exhibit(['tsa', 'add', o.tsa.url, '--root', rootFile, '--name', o.name, '--workspace', dir])).code).toBe(0);
  expect((await exhibit(['settings', '--ntp-servers', o.ntp, '--workspace', dir])).code).toBe(0);
}
