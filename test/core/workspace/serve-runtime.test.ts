import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { announceServe, servePorts } from '../../../electron/core/workspace/serve-runtime.js';
import { tempDir } from '../../helpers/tmp.js';

/** The id of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('where a running exhibit serve listens', () => {
  it('is announced while it runs and gone once it stops', async () => {
    const dir = tempDir();
    expect(servePorts(dir)).toEqual([]);
    const stop = await announceServe(dir, 4711);
    expect(servePorts(dir)).toEqual([4711]);
    expect(readdirSync(join(dir, 'run'))).toEqual([`serve-${process.pid}.json`]);
    await stop();
    expect(servePorts(dir)).toEqual([]);
    expect(readdirSync(join(dir, 'run'))).toEqual([]);
  });

  it('ignores what a killed serve left, a damaged file and a file claiming another process, and removes none of them', async () => {
    const dir = tempDir();
    const run = join(dir, 'run');
    mkdirSync(run);
    const dead = deadPid();
    writeFileSync(join(run, `serve-${dead}.json`), JSON.stringify({ pid: dead, port: 5001, startedAt: '2026-01-01T00:00:00Z' }));
    writeFileSync(join(run, 'serve-1.json'), '{"pid": 1, "port": "five"');
    writeFileSync(join(run, `serve-${process.ppid}.json`), JSON.stringify({ pid: process.pid, port: 5002, startedAt: '2026-01-01T00:00:00Z' }));
    writeFileSync(join(run, 'notes.json'), JSON.stringify({ pid: process.pid, port: 5003, startedAt: '2026-01-01T00:00:00Z' }));
    expect(servePorts(dir)).toEqual([]);
    const stop = await announceServe(dir, 5004);
    expect(servePorts(dir)).toEqual([5004]);
    await stop();
    expect(readdirSync(run).sort()).toEqual([`serve-${dead}.json`, `serve-${process.ppid}.json`, 'notes.json', 'serve-1.json'].sort());
  });
});
