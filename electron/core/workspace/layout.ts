import { join } from 'node:path';

/** Where each part of a workspace lives inside its folder. */
export function workspaceLayout(dir: string) {
  return {
    dir,
    marker: join(dir, 'exhibit-workspace.json'),
    database: join(dir, 'exhibit.sqlite'),
    /** a copy of the custody log's signed head, outside the database */
    custodyHead: join(dir, 'custody-head.json'),
    objects: join(dir, 'objects'),
    tmp: join(dir, 'tmp'),
    keys: join(dir, 'keys'),
    privateKey: join(dir, 'keys', 'signing-key.pem'),
    publicKey: join(dir, 'keys', 'signing-key.pub.pem'),
    /** runtime state of running processes (serve-runtime.ts), not evidence */
    run: join(dir, 'run'),
  };
}

export type WorkspaceLayout = ReturnType<typeof workspaceLayout>;

export const MARKER_FORMAT = 'exhibit-workspace';
