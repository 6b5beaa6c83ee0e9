/** Why a workspace could not be opened or made; each says what to do. */
export type WorkspaceError =
  | { kind: 'not-found'; dir: string }
  | { kind: 'not-a-workspace'; dir: string }
  | { kind: 'already-exists'; dir: string }
  | { kind: 'not-empty'; dir: string }
  | { kind: 'unwritable'; dir: string; detail: string }
  | { kind: 'newer-schema'; dir: string; found: number; supported: number }
  | { kind: 'corrupt-database'; path: string; detail: string }
  | { kind: 'missing-key'; path: string }
  | { kind: 'bad-key'; path: string; detail: string };

export function describeWorkspaceError(e: WorkspaceError): string {
  switch (e.kind) {
    case 'not-found':
      return `No Exhibit workspace at ${e.dir}. Create one with: exhibit init --workspace "${e.dir}"`;
    case 'not-a-workspace':
      return `${e.dir} is not an Exhibit workspace (it has no exhibit-workspace.json). Check the path given with --workspace or EXHIBIT_WORKSPACE, or create a workspace in an empty folder with: exhibit init --workspace DIR`;
    case 'already-exists':
      return `${e.dir} is already an Exhibit workspace; nothing was changed.`;
    case 'not-empty':
      return `${e.dir} is not empty and is not an Exhibit workspace; nothing was changed. Choose a new or empty folder.`;
    case 'unwritable':
      return `Cannot write to ${e.dir} (${e.detail}); nothing was changed. Choose a folder you can write to, or fix its permissions.`;
    case 'newer-schema':
      return `The workspace at ${e.dir} was written by a newer Exhibit (database schema ${e.found}; this Exhibit knows up to ${e.supported}). Nothing was changed. Upgrade Exhibit to open it.`;
    case 'corrupt-database':
      return `The workspace database ${e.path} cannot be read (${e.detail}). Nothing was changed. Restore the workspace from a backup; keep this copy for examination.`;
    case 'missing-key':
      return `The workspace signing key ${e.path} is missing. Nothing was changed. Restore the keys folder from a backup: a new key could not vouch for earlier captures.`;
    case 'bad-key':
      return `The workspace signing key ${e.path} is unusable (${e.detail}). Nothing was changed. Restore the keys folder from a backup.`;
  }
}
