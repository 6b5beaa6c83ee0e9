import { spawn, type ChildProcess } from 'node:child_process';
import { EXHIBIT_BIN } from './cli.js';

/** `exhibit hub serve` on a free port, as a team would run it: its process, and the address it printed. */
export async function startHubServe(args: readonly string[], env: Record<string, string>): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [EXHIBIT_BIN, 'hub', 'serve', '--port', '0', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"url":\s*"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`exhibit hub serve exited ${code}: ${out}`)));
  });
  return { process: child, url };
}
