import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../core/util/durable-fs.js';
import { logWarning } from '../core/util/log.js';

const stateSchema = z.object({ x: z.number().int().optional(), y: z.number().int().optional(), width: z.number().int().min(400).max(20000), height: z.number().int().min(300).max(20000), maximized: z.boolean().default(false) });
export type WindowState = z.infer<typeof stateSchema>;

const DEFAULT: WindowState = { width: 1400, height: 900, maximized: false };

/** The window's last size and place, read from disk as untrusted input (none, or a bad file, means the default). */
export async function loadWindowState(path: string): Promise<WindowState> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') logWarning('window-state', `the window's place could not be read from ${path}: the default is used`, e);
    return DEFAULT;
  }
  try {
    return stateSchema.parse(JSON.parse(text));
  } catch (e) {
    logWarning('window-state', `the window's place in ${path} is damaged: the default is used`, e);
    return DEFAULT;
  }
}

/** Never throws: a place that cannot be saved is logged, and the app closes all the same (the write is atomic: the old file stays whole). */
export async function saveWindowState(path: string, state: WindowState): Promise<void> {
  try {
    await writeFileAtomic(path, JSON.stringify(state));
  } catch (e) {
    logWarning('window-state', `the window's place could not be saved to ${path}`, e);
  }
}
