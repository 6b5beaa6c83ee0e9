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

/** Exit codes: 0 ok, 1 an evidence problem, 2 usage or environment. */
export const EXIT = { ok: 0, evidence: 1, usage: 2 } as const;
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
