import { describeWorkspaceError } from '../core/workspace/errors.js';
import { Workspace } from '../core/workspace/workspace.js';
import { UsageError } from './command.js';

/**
 * What the command does with the workspace: 'read' (show, log, verify…)
 * also works on a workspace it cannot write, a read-only copy or read-only
 * media, which is then opened for reading only.
 */
export type Access = 'read' | 'write';

/** Opens the chosen workspace or stops the command with what to do about it. */
export async function openWorkspace(dir: string, access: Access = 'write'): Promise<Workspace> {
  let opened = await Workspace.open(dir);
  if (!opened.ok && opened.error.kind === 'unwritable' && access === 'read') opened = await Workspace.open(dir, { readOnly: true });
  if (!opened.ok) throw new UsageError(describeWorkspaceError(opened.error));
  return opened.value;
}

export async function withWorkspace<T>(dir: string, work: (ws: Workspace) => Promise<T>, access: Access = 'write'): Promise<T> {
  const ws = await openWorkspace(dir, access);
  try {
    return await work(ws);
  } finally {
    await ws.close();
  }
}
