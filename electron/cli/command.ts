import type { ParseArgsConfig } from 'node:util';
import type { Output } from './output.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  out: Output;
  /** the workspace folder chosen by --workspace, EXHIBIT_WORKSPACE or the default */
  workspaceDir: string;
}

/** Exit codes, the same for every command: what a script can tell apart. */
export const EXIT = { ok: 0, evidence: 1, usage: 2, internal: 3 } as const;

/** The exit codes as `exhibit --help` and every command's help state them. */
export const EXIT_HELP = `Exit status:
  0  done
  1  an evidence problem: verification found a difference, or nothing was
     captured (every page failed)
  2  not done: a usage mistake, or the machine or workspace cannot run it
     (no such workspace, locked, read-only, disk full, damaged database)
  3  an internal error in Exhibit (a bug: EXHIBIT_DEBUG=1 shows the detail
     to put in a bug report)`;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** the help text after the usage line */
  help: string;
  options: OptionSpec;
  positionals: { min: number; max: number };
  run(ctx: CommandContext): Promise<ExitCode>;
}

/** A mistake in how the command was called, or a machine that cannot run it. */
export class UsageError extends Error {}
