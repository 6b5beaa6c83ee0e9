import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const EXHIBIT_BIN = fileURLToPath(new URL('../../bin/exhibit.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `exhibit` command in its own process, as a user would. */
export function exhibit(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [EXHIBIT_BIN, ...args], { env: { ...process.env, EXHIBIT_WORKSPACE: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The sqlite3 command-line tool, as someone tampering with a workspace would use it. */
export function sqliteCli(database: string, sql: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('sqlite3', [database, sql], { encoding: 'utf8' });
  if (r.error) throw new Error(`the sqlite3 command-line tool is needed for this test (apt-get install sqlite3): ${r.error.message}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
