/** The words of trusted time (a capture's time-stamps, the clock check, the authorities in Settings) in English; stamp.fr.ts gives the same keys in French. */

const LOCALE = 'en-GB';
const plural = (n: number, one: string, many: string) => `${n.toLocaleString(LOCALE)} ${n === 1 ? one : many}`;
const fixed = (n: number, digits: number) => n.toLocaleString(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Why a clock was not checked, as the core records it; anything else is shown as recorded. */
const REASONS: Record<string, string> = {
  'no NTP server configured': 'no NTP server is configured (Settings: NTP servers is “none”)',
  'no NTP check was made for this capture session': 'no NTP check was made for this capture session',
};

export const stampEn = {
  stamp: {
    title: 'Time-stamp',
    explain:
      'A time-stamp token from an independent authority proves that this capture’s signed manifest existed no later than the authority’s time. It proves nothing more: the time the page was captured comes from the machine’s clock, shown above.',
    machineTime: 'Machine’s clock, end of capture',
    authorityTime: 'Authority’s time',
    clock: 'Clock check',
    utc: (time: string) => `${time} UTC`,
    local: (time: string) => `local time ${time}`,
    /** exactly what a token proves, and no more */
    existed: (genTime: string, authority: string, serial: string) => `existed no later than ${genTime} (${authority}, serial ${serial})`,
    /** where the authority's time falls against the machine's: amount is e.g. "0.4 s" */
    gap: (amount: string, after: boolean) => `${amount} ${after ? 'after' : 'before'} the machine’s time`,
    sameTime: 'the same as the machine’s time',
    amount: (ms: number) => {
      const abs = Math.abs(ms);
      if (abs < 60_000) return `${fixed(abs / 1000, 1)} s`;
      if (abs < 3_600_000) return `${fixed(abs / 60_000, 1)} min`;
      if (abs < 172_800_000) return `${fixed(abs / 3_600_000, 1)} h`;
      return `${fixed(abs / 86_400_000, 1)} days`;
    },
    file: (name: string) => `token file ${name}`,
    stamped: 'stamped',
    pending: 'Time-stamp pending',
    pendingBadge: 'pending',
    queued: (at: string, attempts: number) => `queued ${at} UTC; ${attempts === 0 ? 'not tried yet' : `${plural(attempts, 'attempt', 'attempts')} so far`}`,
    lastError: (error: string) => `last error: ${error}`,
    pendingExplain: 'Exhibit asks the authorities again every minute while it is open. Until a token is received, nothing is claimed about the authority’s time.',
    notStamped: 'Not time-stamped: captured before Exhibit time-stamped captures.',
    notStampedBadge: 'not stamped',
    stampNow: 'Stamp now',
    stamping: 'Asking the time-stamping authorities…',
    runResult: (stamped: number, pending: number) =>
      `${stamped === 0 ? 'No time-stamp received' : `${plural(stamped, 'time-stamp', 'time-stamps')} received`}; ${pending === 0 ? 'nothing is pending.' : `${pending.toLocaleString(LOCALE)} still pending.`}`,
    failure: (authority: string, error: string) => `${authority}: ${error}`,
    clockChecked: (server: string, offsetMs: number, roundTripMs: number) =>
      `Machine clock checked against NTP server ${server}: ${fixed(Math.abs(offsetMs) / 1000, 3)} s ${offsetMs > 0 ? 'behind' : 'ahead'} (round trip ${Math.round(roundTripMs).toLocaleString(LOCALE)} ms)`,
    clockNotChecked: (reason: string) => `Not checked against NTP: ${REASONS[reason] ?? reason}`,
    clockNotRecorded: 'Not checked against NTP: this capture’s manifest records no clock check.',
    warningTag: 'Warning',
    /** the warning the capture records, said from its check */
    clockWarning: (server: string, offsetMs: number) =>
      `the machine’s clock was ${fixed(Math.abs(offsetMs) / 1000, 1)} s ${offsetMs > 0 ? 'behind' : 'ahead of'} ${server} (NTP) when this capture session began. The authority’s time does not depend on it.`,
  },
  trustedTime: {
    title: 'Trusted time',
    help: 'Each capture’s manifest hash (only the hash, never the page) is sent to every authority below. The token each returns proves the capture existed no later than the authority’s time.',
    authorities: 'Time-stamping authorities',
    noAuthorities: 'No authority is configured: new captures will stay pending until one is added.',
    name: 'Name',
    url: 'Address',
    roots: 'Root certificates you added',
    builtIn: 'built-in roots only',
    rootLine: (subject: string) => subject,
    remove: 'Remove',
    removeLabel: (name: string) => `Remove ${name}`,
    add: 'Add an authority',
    addUrl: 'Address (http:// or https://)',
    addName: 'Name (optional)',
    addRoot: 'Root certificate, PEM (optional)',
    addRootPlaceholder: '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----',
    addButton: 'Add authority',
    adding: 'Adding…',
    added: 'Added.',
    clockCheck: 'Clock check',
    ntp: 'NTP servers',
    ntpHelp: 'The clock is checked against these at each capture session: host or host:port, separated by commas. Empty: the defaults; “none”: not checked.',
    ntpPlaceholder: 'the defaults',
    ntpSave: 'Save NTP servers',
    ntpSaved: 'Saved.',
    status: 'Status',
    keyStamped: (line: string) => `Key first time-stamped: ${line}`,
    keyPending: (queued: string) => `Key: time-stamp pending (${queued})`,
    keyNotStamped: 'Key: not time-stamped (made before Exhibit time-stamped keys).',
    pendingCount: (n: number) => (n === 0 ? 'Nothing is waiting for a time-stamp.' : `${plural(n, 'item is', 'items are')} waiting for a time-stamp (captures, and the key if it is not stamped yet).`),
    waiting: 'Waiting',
  },
};
