import { parseArgs } from 'node:util';
import { resolveWorkspaceDir } from '../core/workspace/location.js';
import { exhibitVersion } from '../core/version.js';
import { EXIT, UsageError, type Command, type ExitCode, type OptionSpec } from './command.js';
import { captureCommand } from './commands/capture.js';
import { caseCommand } from './commands/case.js';
import { correctCommand } from './commands/correct.js';
import { dossierCommand } from './commands/dossier.js';
import { extractCommand } from './commands/extract.js';
import { importCommand } from './commands/import.js';
import { listingsCommand } from './commands/listings.js';
import { searchCommand } from './commands/search.js';
import { serveCommand } from './commands/serve.js';
import { sellerCommand } from './commands/seller.js';
import { sellersCommand } from './commands/sellers.js';
import { exportCaptureCommand } from './commands/export-capture.js';
import { initCommand } from './commands/init.js';
import { logCommand } from './commands/log.js';
import { settingsCommand } from './commands/settings.js';
import { showCommand } from './commands/show.js';
import { verifyCommand } from './commands/verify.js';
import { watchCommand } from './commands/watch.js';
import { recaptureCommand } from './commands/recapture.js';
import { timelineCommand } from './commands/timeline.js';
import { takedownCommand } from './commands/takedown.js';
import { noteCommand } from './commands/note.js';
import { consoleOutput, type Output } from './output.js';

const COMMANDS: readonly Command[] = [
  initCommand,
  captureCommand,
  importCommand,
  showCommand,
  correctCommand,
  noteCommand,
  sellersCommand,
  sellerCommand,
  listingsCommand,
  searchCommand,
  caseCommand,
  watchCommand,
  recaptureCommand,
  timelineCommand,
  takedownCommand,
  dossierCommand,
  extractCommand,
  exportCaptureCommand,
  serveCommand,
  verifyCommand,
  logCommand,
  settingsCommand,
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

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `Exhibit ${exhibitVersion()}: court-ready evidence of online marketplace listings.

Usage: exhibit COMMAND [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options for every command:
${GLOBAL_HELP}

Run \`exhibit COMMAND --help\` for a command's options.
Exit status: 0 ok, 1 evidence problem (verification failed), 2 usage or environment error.`;
}

function commandHelp(c: Command): string {
  return `Usage: ${c.usage}\n\n${c.help}\n\nOptions for every command:\n${GLOBAL_HELP}`;
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
    const command = COMMANDS.find((c) => c.name === topic);
    if (argv.includes('--version')) {
      out.line(exhibitVersion());
      out.data({ version: exhibitVersion() });
      return EXIT.ok;
    }
    out.line(command ? commandHelp(command) : overview());
    if (name === undefined && !argv.includes('--help') && !argv.includes('-h')) return fail(out, 'No command given.', 'exhibit --help');
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
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
  try {
    return await command.run({
      values: parsed.values,
      positionals: parsed.positionals,
      out,
      workspaceDir: resolveWorkspaceDir(workspace).dir,
    });
  } catch (e) {
    if (e instanceof UsageError) return fail(out, e.message);
    out.error(`Internal error in exhibit ${command.name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    out.data({ error: { kind: 'internal', message: e instanceof Error ? e.message : String(e) } });
    return EXIT.usage;
  }
}

function fail(out: Output, message: string, helpCommand?: string): ExitCode {
  out.error(`exhibit: ${message}${helpCommand ? `\nSee: ${helpCommand}` : ''}`);
  out.data({ error: { kind: 'usage', message } });
  return EXIT.usage;
}
