import { reasonText } from '../../core/fakes/reason-text.js';
import { scoreListings, type ListingScore } from '../../core/fakes/listing-score.js';
import { decide, learnFromDecisions, triageQueue, type QueueItem } from '../../core/fakes/triage.js';
import { SIGNAL_LABELS, SIGNALS, type Signal, type Weights } from '../../core/fakes/terms.js';
import { setWeights, weightsInForce } from '../../core/fakes/weights.js';
import { stringValues } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const triageCommand: Command = {
  name: 'triage',
  summary: 'search results by suspicion score, with reasons; decide, and let the score learn',
  usage:
    'exhibit triage [--all] | exhibit triage listings | exhibit triage decide RESULT counterfeit|genuine|test-buy [--note TEXT] | exhibit triage weights [--set SIGNAL=W]... | exhibit triage learn [--save] [--workspace DIR] [--json]',
  help: `The results of watched searches, highest suspicion first, each with
the reasons for its score (${SIGNALS.join(', ')}).

  (no action)          the results not yet decided (--all: decided ones too)
  listings             the captured listings naming a brand of the catalogue,
                       each seller's offer scored (the buy-box seller at the
                       listing's price, every other seller at its own), from
                       what the capture holds
  decide RESULT D      record a decision: counterfeit, genuine or test-buy
                       (in the custody log). "counterfeit" files the listing
                       under its seller and puts the listing and the seller on
                       watch: the next "exhibit recapture --due" captures them
                       in full.
    --note TEXT          why
  weights              the weights in force (score = logistic of bias + Σ weight × signal)
    --set SIGNAL=W       edit a weight (or bias=W); repeatable
  learn                fit the weights to the decisions by logistic regression,
                       here on this machine; shows old beside new
    --save               put the learnt weights in force`,
  options: { all: { type: 'boolean' }, note: { type: 'string' }, set: { type: 'string', multiple: true }, save: { type: 'boolean' } },
  positionals: { min: 0, max: 3 },
  async run({ values, positionals, out, workspaceDir }) {
    const [action, id, decision] = positionals;
    return withWorkspace(workspaceDir, async (ws) => {
      switch (action) {
        case undefined: {
          const queue = await triageQueue(ws.db, { includeDecided: values.all === true });
          out.data(queue);
          if (queue.length === 0) out.line('Nothing to triage: run a watched search first (exhibit monitor run --due).');
          for (const item of queue) out.line(describeItem(item));
          return EXIT.ok;
        }
        case 'listings': {
          const scored = await scoreListings(ws);
          out.data(scored);
          if (scored.length === 0) out.line('No captured listing names a brand of the catalogue (exhibit brand list).');
          for (const item of scored) out.line(describeListing(item));
          return EXIT.ok;
        }
        case 'decide': {
          if (!id || !decision) throw new UsageError('exhibit triage decide RESULT counterfeit|genuine|test-buy');
          const made = await decide(ws.db, id, decision, typeof values.note === 'string' ? values.note : '');
          if (!made.ok) throw new UsageError(made.error);
          const f = made.value.filed;
          out.line(`Recorded: ${id} is ${decision}.${f ? ` Filed as listing ${f.listingId}${f.sellerId ? ` of seller ${f.sellerId}` : ' (the result page showed no seller)'}; on watch, captured in full by the next exhibit recapture --due.` : ''}`);
          out.data(made.value);
          return EXIT.ok;
        }
        case 'weights': {
          const edits = stringValues(values.set);
          if (edits.length > 0) {
            const current = await weightsInForce(ws.db);
            const next: Weights = structuredClone(current.weights);
            for (const e of edits) {
              const m = /^([a-z-]+)=(-?\d+(?:\.\d+)?)$/.exec(e.trim());
              if (!m) throw new UsageError(`--set ${e}: expected SIGNAL=NUMBER, e.g. price-low=2.5 (signals: bias, ${SIGNALS.join(', ')})`);
              if (m[1] === 'bias') next.bias = Number(m[2]);
              else if ((SIGNALS as readonly string[]).includes(m[1]!)) next.signals[m[1] as Signal] = Number(m[2]);
              else throw new UsageError(`--set ${e}: no signal "${m[1]}" (signals: bias, ${SIGNALS.join(', ')})`);
            }
            await setWeights(ws.db, next, 'edited', 0);
          }
          const w = await weightsInForce(ws.db);
          out.data(w);
          out.line(`Weights in force (${w.origin}${w.origin === 'learned' ? ` from ${w.decisions} decisions` : ''}${w.at ? `, ${w.at}` : ''}):`);
          out.line(weightsTable(w.weights));
          return EXIT.ok;
        }
        case 'learn': {
          const learnt = await learnFromDecisions(ws.db, values.save === true);
          if (!learnt.ok) throw new UsageError(learnt.error);
          const l = learnt.value;
          out.data(l);
          out.line(`Learnt from ${l.decisions} decisions (${l.counterfeit} counterfeit, ${l.genuine} genuine; ${l.testBuys} test buys not counted):`);
          out.line(weightsTable(l.before.weights, l.after));
          out.line(l.saved ? 'The learnt weights are now in force.' : 'Not saved: run exhibit triage learn --save to put them in force.');
          return EXIT.ok;
        }
        default:
          throw new UsageError(`exhibit triage ${action}: expected listings, decide, weights or learn (or nothing, for the queue)`);
      }
    });
  },
};

function describeItem(item: QueueItem): string {
  const head = `${String(item.scoreNow).padStart(3)}  ${item.id}  ${item.state.padEnd(7)} ${item.marketplace}:${item.listingKey}  ${item.title ?? '(no title)'}  ${item.price ?? '?'} ${item.currency ?? ''}${item.sellerKey ? `  seller ${item.sellerName ?? item.sellerKey}` : ''}${item.decision ? `  [${item.decision}]` : ''}`;
  const reasons = item.reasons.map((r) => `       - ${SIGNAL_LABELS[r.signal].en}: ${reasonText('en', r)}`);
  const thumb = item.thumbnail ? [`       thumbnail ${item.thumbnail}`] : [];
  return [head, ...reasons, ...thumb].join('\n');
}

function describeListing(item: ListingScore): string {
  const seller = item.seller ? `  seller ${item.seller.name ?? item.seller.sellerKey} (${item.seller.marketplace}:${item.seller.sellerKey}, ${item.seller.via.join('+')})` : '  no seller shown';
  const head = `${String(item.score).padStart(3)}  ${item.listingId}  ${item.marketplace}:${item.listingKey}  ${item.title ?? '(no title)'}  ${item.price ?? '?'} ${item.currency ?? ''}${seller}  [${item.brand}; capture ${item.captureId}]`;
  return [head, ...item.reasons.map((r) => `       - ${SIGNAL_LABELS[r.signal].en}: ${reasonText('en', r)}`)].join('\n');
}

function weightsTable(before: Weights, after?: Weights): string {
  const fmt = (x: number) => x.toFixed(2).padStart(7);
  const rows: [string, number, number | undefined][] = [['bias', before.bias, after?.bias], ...SIGNALS.map((s): [string, number, number | undefined] => [s, before.signals[s], after?.signals[s]])];
  const head = after ? `  ${'signal'.padEnd(20)}    old      new` : `  ${'signal'.padEnd(20)}  weight`;
  return [head, ...rows.map(([k, b, a]) => `  ${k.padEnd(20)}${fmt(b)}${a === undefined ? '' : `  ${fmt(a)}`}`)].join('\n');
}
