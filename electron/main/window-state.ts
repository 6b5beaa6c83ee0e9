import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../core/util/durable-fs.js';

const stateSchema = z.object({ x: z.number().int().optional(), y: z.number().int().optional(), width: z.number().int().min(400).max(20000), height: z.number().int().min(300).max(20000), maximized: z.boolean().default(false) });
export type WindowState = z.infer<typeof stateSchema>;

const DEFAULT: WindowState = { width: 1400, height: 900, maximized: false };

/** The window's last size and place, read from disk as untrusted input (a bad file means the default). */
export async function loadWindowState(path: string): Promise<WindowState> {
  try {
    return stateSchema.parse(JSON.parse(await fs.readFile(path, 'utf8')));
  } catch {
    return DEFAULT;
  }
}

export function saveWindowState(path: string, state: WindowState): Promise<void> {
  return writeFileAtomic(path, JSON.stringify(state));
}
