import { parseArgs } from 'node:util';
import { resolveWorkspaceDir } from '../core/workspace/location.js';
import { exhibitVersion } from '../core/version.js';
import { EXIT, EXIT_HELP, UsageError, type Command, type ExitCode, type OptionSpec } from './command.js';
import { describeDamagedRow, describeEnvironmentError, describeInternalError } from './failure.js';
import { consoleOutput, type Output } from './output.js';

/**
 * Each command's module is loaded only when it runs: the capture engine, the
 * dossier renderer and the server are heavy to load, and `exhibit verify` or
 * `exhibit recapture --due` from cron should not pay for them. The overview
 * loads them all. In the order the overview lists them.
 */
const COMMANDS: readonly (readonly [name: string, load: () => Promise<Command>])[] = [
  ['init', async () => (await import('./commands/init.js')).initCommand],
  ['capture', async () => (await import('./commands/capture.js')).captureCommand],
  ['import', async () => (await import('./commands/import.js')).importCommand],
  ['show', async () => (await import('./commands/show.js')).showCommand],
  ['correct', async () => (await import('./commands/correct.js')).correctCommand],
  ['note', async () => (await import('./commands/note.js')).noteCommand],
  ['sellers', async () => (await import('./commands/sellers.js')).sellersCommand],
  ['seller', async () => (await import('./commands/seller.js')).sellerCommand],
  ['listings', async () => (await import('./commands/listings.js')).listingsCommand],
  ['search', async () => (await import('./commands/search.js')).searchCommand],
  ['case', async () => (await import('./commands/case.js')).caseCommand],
  ['watch', async () => (await import('./commands/watch.js')).watchCommand],
  ['recapture', async () => (await import('./commands/recapture.js')).recaptureCommand],
  ['timeline', async () => (await import('./commands/timeline.js')).timelineCommand],
  ['links', async () => (await import('./commands/links.js')).linksCommand],
  ['brand', async () => (await import('./commands/brand.js')).brandCommand],
  ['monitor', async () => (await import('./commands/monitor.js')).monitorCommand],
  ['triage', async () => (await import('./commands/triage.js')).triageCommand],
  ['takedown', async () => (await import('./commands/takedown.js')).takedownCommand],
  ['dossier', async () => (await import('./commands/dossier.js')).dossierCommand],
  ['extract', async () => (await import('./commands/extract.js')).extractCommand],
  ['export-capture', async () => (await import('./commands/export-capture.js')).exportCaptureCommand],
  ['export', async () => (await import('./commands/export.js')).exportCommand],
  ['serve', async () => (await import('./commands/serve.js')).serveCommand],
  ['stamp', async () => (await import('./commands/stamp.js')).stampCommand],
  ['tsa', async () => (await import('./commands/tsa.js')).tsaCommand],
  ['identity', async () => (await import('./commands/identity.js')).identityCommand],
  ['verify', async () => (await import('./commands/verify.js')).verifyCommand],
  ['log', async () => (await import('./commands/log.js')).logCommand],
  ['settings', async () => (await import('./commands/settings.js')).settingsCommand],
  ['push', async () => (await import('./commands/push.js')).pushCommand],
  ['hub', async () => (await import('./commands/hub.js')).hubCommand],
  ['worker', async () => (await import('./commands/worker.js')).workerCommand],
];

const GLOBAL_OPTIONS: OptionSpec = {
  workspace: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const GLOBAL_HELP = `  --workspace DIR   the workspace folder (default: EXHIBIT_WORKSPACE, then the
                    folder the desktop app uses)
  --json            machine-readable output on stdout
  -h, --help        this help`;

async function loadCommand(name: string | undefined): Promise<Command | undefined> {
  const load = COMMANDS.find(([n]) => n === name)?.[1];
  return load ? await load() : undefined;
}

async function overview(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map(([, load]) => load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Exhibit ${exhibitVersion()}: court-ready evidence of online marketplace listings.

Usage: exhibit COMMAND [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options for every command:
${GLOBAL_HELP}

Run \`exhibit COMMAND --help\` for a command's options.

${EXIT_HELP}`;
}

function commandHelp(c: Command): string {
  return `Usage: ${c.usage}\n\n${c.help}\n\nOptions for every command:\n${GLOBAL_HELP}\n\n${EXIT_HELP}`;
}

/** The CLI, as a function: returns the exit code and never exits the process itself. */
export async function main(argv: readonly string[], output?: (json: boolean) => Output): Promise<ExitCode> {
  const json = argv.includes('--json');
  const out = (output ?? consoleOutput)(json);
  const index = argv.findIndex((a, i) => !a.startsWith('-') && argv[i - 1] !== '--workspace');
  const name = index >= 0 ? argv[index] : undefined;
  const rest = index >= 0 ? [...argv.slice(0, index), ...argv.slice(index + 1)] : [...argv];

  if (name === undefined || name === 'help') {
    const topic = name === 'help' ? rest.find((a) => !a.startsWith('-')) : undefined;
    const command = await loadCommand(topic);
    if (argv.includes('--version')) {
      out.line(exhibitVersion());
      out.data({ version: exhibitVersion() });
      return EXIT.ok;
    }
    out.line(command ? commandHelp(command) : await overview());
    if (name === undefined && !argv.includes('--help') && !argv.includes('-h')) return fail(out, 'No command given.', 'exhibit --help');
    return EXIT.ok;
  }
  const command = await loadCommand(name);
  if (!command) return fail(out, `Unknown command "${name}".`, 'exhibit --help');

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (e) {
    return fail(out, (e as Error).message, `exhibit ${command.name} --help`);
  }
  if (parsed.values.help) {
    if (json) out.data({ usage: command.usage, help: command.help });
    else out.line(commandHelp(command));
    return EXIT.ok;
  }
  const { min, max } = command.positionals;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    return fail(out, `Wrong number of arguments: ${command.usage}`, `exhibit ${command.name} --help`);
  }
  const workspace = typeof parsed.values.workspace === 'string' ? parsed.values.workspace : undefined;
  if (workspace !== undefined && workspace.trim() === '') return fail(out, '--workspace: an empty folder name; give the workspace folder (leave --workspace out for the default).');
  try {
    return await command.run({
      values: parsed.values,
      positionals: parsed.positionals,
      out,
      workspaceDir: resolveWorkspaceDir(workspace).dir,
    });
  } catch (e) {
    if (e instanceof UsageError) return fail(out, e.message);
    const environment = describeEnvironmentError(e) ?? (await describeDamagedRow(e));
    if (environment !== undefined) {
      out.error(`exhibit ${command.name}: ${environment}`);
      out.data({ error: { kind: 'environment', message: environment } });
      return EXIT.usage;
    }
    return internalError(out, `exhibit ${command.name}`, e);
  }
}

/** A bug: one line naming it, the stack only when asked for (EXHIBIT_DEBUG=1). */
export function internalError(out: Output, where: string, e: unknown): ExitCode {
  out.error(describeInternalError(where, e, process.env.EXHIBIT_DEBUG === '1'));
  out.data({ error: { kind: 'internal', message: e instanceof Error ? e.message : String(e) } });
  return EXIT.internal;
}

/**
 * The last resort for what escapes `main` (an error thrown from a stream
 * callback, a rejected promise nobody awaited): one line; returns the exit
 * code bin/exhibit.js, the process's entry point, exits with.
 */
export function lastResort(e: unknown): ExitCode {
  return internalError(consoleOutput(false), 'exhibit', e);
}

function fail(out: Output, message: string, helpCommand?: string): ExitCode {
  out.error(`exhibit: ${message}${helpCommand ? `\nSee: ${helpCommand}` : ''}`);
  out.data({ error: { kind: 'usage', message } });
  return EXIT.usage;
}
