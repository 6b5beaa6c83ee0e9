/**
 * The dashboard counts what happened since the last visit: captures and
 * re-captures by time. Without these, each count read every capture of the
 * workspace (the "blocked" count took 155 ms of 100,000 captures on a loaded
 * machine, 21 ms with them); with them it reads only what is newer than the
 * visit.
 */
export const migration010 = {
  version: 10,
  name: 'dashboard-indexes',
  sql: `
CREATE INDEX captures_by_started ON captures (started_at);
CREATE INDEX recaptures_by_at ON recaptures (at);
`,
} as const;
