import { describeWorkspaceError } from '../core/workspace/errors.js';
import { Workspace } from '../core/workspace/workspace.js';
import { UsageError } from './command.js';

/** Opens the chosen workspace or stops the command with what to do about it. */
export async function openWorkspace(dir: string): Promise<Workspace> {
  const opened = await Workspace.open(dir);
  if (!opened.ok) throw new UsageError(describeWorkspaceError(opened.error));
  return opened.value;
}

export async function withWorkspace<T>(dir: string, work: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await openWorkspace(dir);
  try {
    return await work(ws);
  } finally {
    await ws.close();
  }
}
