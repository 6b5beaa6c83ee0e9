import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { defaultWorkspaceDir } from '../core/workspace/location.js';
import { startShell } from './shell.js';

/** Electron's entry point (package.json "main"): the built files sit beside each other under dist/. */
startShell({
  renderer: fileURLToPath(new URL('../../renderer/', import.meta.url)),
  preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
  workspaceDir: process.env.EXHIBIT_WORKSPACE || defaultWorkspaceDir(),
}).catch((e: unknown) => {
  process.stderr.write(`Exhibit could not start: ${(e as Error).message}\n`);
  app.exit(2);
});
