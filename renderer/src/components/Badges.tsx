import { useT } from '../i18n/i18n.js';

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t.status[status] ?? status}</span>;
}

/** complete in green, partial in amber, anything that kept the page from being captured in red. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const t = useT();
  const tone = outcome === 'complete' || outcome === 'imported' ? 'good' : outcome === 'partial' ? 'warn' : 'bad';
  return <span className={`badge outcome-${tone}`}>{t.outcomes[outcome] ?? outcome}</span>;
}

/*
 * What a re-capture showed, in one colour each and the same everywhere:
 * grey nothing new, blue changed, red gone, violet back after being gone,
 * dashed nothing learnt (a captcha, a failed check say nothing about the
 * listing). Always with words: colour alone never carries the meaning.
 */
const TONE: Record<string, string> = {
  first: 'first',
  'first-seen': 'first',
  captured: 'first',
  unchanged: 'same',
  changed: 'changed',
  'trader-details': 'changed',
  removed: 'gone',
  'still-removed': 'gone',
  reappeared: 'back',
  blocked: 'unknown',
  error: 'unknown',
};

/** A page's classification in a run: first, unchanged, changed, removed, blocked, error, or reappeared. */
export function ClassificationBadge({ classification }: { classification: string }) {
  const t = useT();
  return <span className={`badge cls cls-${TONE[classification] ?? 'unknown'}`} data-classification={classification}>{t.classification[classification] ?? classification}</span>;
}

/** An event of a listing's timeline; a report is the investigator's own record, marked as a note. */
export function EventBadge({ kind }: { kind: string }) {
  const t = useT();
  const text = t.timeline.events[kind] ?? kind;
  if (kind === 'reported') return <span className="badge note-badge" data-event={kind}>{text}</span>;
  return <span className={`badge cls cls-${TONE[kind] ?? 'unknown'}`} data-event={kind}>{text}</span>;
}

/** What became of a takedown report, as the re-captures since show it. */
export function TakedownBadge({ report }: { report: { state: string; days: number | null; cameBackOn: string | null } }) {
  const t = useT();
  const f = t.timeline.fate;
  const [tone, text] =
    report.state === 'removed'
      ? ['gone', f.removed(report.days ?? 0)]
      : report.state === 'came-back'
        ? ['back', f.cameBack(report.days ?? 0, (report.cameBackOn ?? '').slice(0, 10))]
        : report.state === 'still-up'
          ? ['same', f.stillUp]
          : ['unknown', f.notChecked];
  return <span className={`badge cls cls-${tone}`} data-state={report.state}>{text}</span>;
}
