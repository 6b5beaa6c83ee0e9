import type { OptionSpec } from './command.js';

/**
 * A command made of actions (`exhibit brand add`, `exhibit monitor run`),
 * each action's arguments and options declared once, here as data: the
 * usage line, the help text and the option parser's spec are all made from
 * it, so they cannot drift apart.
 */

export interface OptionDef {
  name: string;
  type: 'string' | 'boolean';
  /** the value's placeholder in usage and help, e.g. NAME (string options) */
  arg?: string;
  help: string;
}

export interface ActionDef {
  name: string;
  /** the positional argument, e.g. 'NAME', '[MONITOR]' */
  arg?: string;
  help: string;
  options?: readonly OptionDef[];
}

const flag = (o: OptionDef) => `--${o.name}${o.arg ? ` ${o.arg}` : ''}`;

export function actionsUsage(command: string, actions: readonly ActionDef[]): string {
  const each = actions.map((a) => [`exhibit ${command} ${a.name}`, a.arg, ...(a.options ?? []).map((o) => `[${flag(o)}]`)].filter(Boolean).join(' '));
  return `${each.join(' | ')} [--workspace DIR] [--json]`;
}

/** The actions' help: the command's intro, then each action and its options, aligned; then the footer. */
export function actionsHelp(intro: string, actions: readonly ActionDef[], footer?: string): string {
  const rows: [string, string][] = [];
  for (const a of actions) {
    rows.push([`  ${a.name}${a.arg ? ` ${a.arg}` : ''}`, a.help]);
    for (const o of a.options ?? []) rows.push([`    ${flag(o)}`, o.help]);
  }
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  const pad = ' '.repeat(width);
  const lines = rows.map(([left, text]) => `${left.padEnd(width)}${text.split('\n').join(`\n${pad}`)}`);
  return [intro, '', ...lines, ...(footer ? ['', footer] : [])].join('\n');
}

/** The option parser's spec: every action's options, each named once (one shared definition where actions share an option). */
export function actionsOptions(actions: readonly ActionDef[]): OptionSpec {
  const spec: OptionSpec = {};
  const seen = new Map<string, OptionDef>();
  for (const o of actions.flatMap((a) => a.options ?? [])) {
    const before = seen.get(o.name);
    if (before && before !== o) throw new Error(`option --${o.name} is declared twice: declare it once and share it`);
    seen.set(o.name, o);
    spec[o.name] = { type: o.type };
  }
  return spec;
}

/** How many positionals the command takes: the action, and its argument where one has one. */
export function actionsPositionals(actions: readonly ActionDef[]): { min: number; max: number } {
  return { min: 1, max: actions.some((a) => a.arg) ? 2 : 1 };
}
