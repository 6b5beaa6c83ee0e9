import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const STORE_WORK = fileURLToPath(new URL('../fixtures/store-work.mjs', import.meta.url));

export interface WorkRun {
  child: ChildProcess;
  stored: number[];
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Stores captures first..last (5 artifacts each) from a separate process. */
export function storeWork(dir: string, first: number, last: number, tag: string): WorkRun {
  const child = fork(STORE_WORK, [dir, String(first), String(last), tag], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const stored: number[] = [];
  child.on('message', (m: { stored?: number }) => {
    if (typeof m.stored === 'number') stored.push(m.stored);
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, stored, done };
}
