import { describeInterval, parseInterval } from '../../core/watch/interval.js';
import { addWatch, listWatches, setWatchActive, watchById, type WatchRule } from '../../core/watch/rules.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { targetsFromFlags, TARGET_OPTIONS } from '../watch-target.js';

export const watchCommand: Command = {
  name: 'watch',
  summary: 'watch rules: re-capture listings, sellers or cases on a schedule',
  usage: 'exhibit watch add (--listing M:ID | --seller M:ID | --case C)... [--every INTERVAL] | exhibit watch list | exhibit watch pause|resume RULE [--workspace DIR] [--json]',
  help: `A watch rule re-captures what it names on a schedule, when
"exhibit recapture --due" runs (from cron, the Task Scheduler, or the
desktop app while it is open).

  add                  watch what the flags name; due at once, then every INTERVAL
    --listing M:ID       a listing (MARKETPLACE:ID or its Exhibit id)
    --seller M:ID        a seller: its storefront page and every listing known
                         to be its own (new ones found on the storefront too)
    --case C             a case: its sellers and listings
    --every INTERVAL     daily (default), weekly, hourly, or e.g. 12h, 3d, 2w
  list                 every rule, with when it runs next
  pause RULE           stop a rule (its history is kept)
  resume RULE          start it again

Adding a rule for what is already watched sets its interval.`,
  options: { ...TARGET_OPTIONS, every: { type: 'string' } },
  positionals: { min: 1, max: 2 },
  async run({ values, positionals, out, workspaceDir }) {
    const [action, ruleId] = positionals;
    return withWorkspace(workspaceDir, async (ws) => {
      switch (action) {
        case 'add': {
          const interval = parseInterval(typeof values.every === 'string' ? values.every : 'daily');
          if (!interval.ok) throw new UsageError(interval.error);
          const targets = await targetsFromFlags(ws.db, values);
          if (targets.length === 0) throw new UsageError('exhibit watch add: name what to watch with --listing M:ID, --seller M:ID or --case C');
          const rules: WatchRule[] = [];
          for (const t of targets) rules.push(await addWatch(ws.db, { kind: t.kind, targetId: t.id, intervalSeconds: interval.value }));
          for (const r of rules) out.line(`Watching ${r.targetKind} ${r.targetLabel} ${describeInterval(r.intervalSeconds)} (rule ${r.id}); next due ${r.nextDueAt}.`);
          out.data(rules);
          return EXIT.ok;
        }
        case 'list': {
          const rules = await listWatches(ws.db);
          out.data(rules);
          if (rules.length === 0) out.line('Nothing is watched yet: exhibit watch add --seller M:ID');
          for (const r of rules) {
            out.line(`${r.id}  ${r.active ? 'active' : 'paused'}  ${r.targetKind.padEnd(7)} ${r.targetLabel.padEnd(32)} ${describeInterval(r.intervalSeconds).padEnd(12)} last ${r.lastRunAt ?? 'never'}  next ${r.active ? r.nextDueAt : '-'}`);
          }
          return EXIT.ok;
        }
        case 'pause':
        case 'resume': {
          if (!ruleId) throw new UsageError(`exhibit watch ${action} RULE: give the rule's id (exhibit watch list shows them)`);
          if (!(await watchById(ws.db, ruleId))) throw new UsageError(`No watch rule ${ruleId} (exhibit watch list shows them).`);
          const r = (await setWatchActive(ws.db, ruleId, action === 'resume'))!;
          out.line(`${r.active ? 'Resumed' : 'Paused'} the watch on ${r.targetKind} ${r.targetLabel}.`);
          out.data(r);
          return EXIT.ok;
        }
        default:
          throw new UsageError(`exhibit watch ${action ?? ''}: expected add, list, pause or resume`);
      }
    });
  },
};
