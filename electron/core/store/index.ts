/**
 * The workspace's one home for data access. Nothing outside electron/core/store
 * (and the migrations, and the connection in workspace/db.ts) writes SQL: the
 * lint rule in eslint.config.js refuses SQL text anywhere else.
 *
 * The convention, for every module here:
 * - one module per table group (captures, artifacts, custody, sellers,
 *   listings, cases, watch, takedowns, detection, links, ...), exported below
 *   as a namespace: `import { sellers } from '../store/index.js'` then
 *   `sellers.byId(db, id)`;
 * - each function takes the handle first (`db: Db`, a connection or the one a
 *   transaction gives), so callers still decide what goes in one transaction;
 * - rows are parsed at the boundary (rows.ts: parseRow/parseRows with a zod
 *   schema; JSON columns through jsonText), and come out as the domain's types,
 *   never `as` casts of what the driver returned;
 * - a function is named for what it answers or does, not for its SQL
 *   (`capturesOfSeller`, `insertCustodyEntry`), and its doc comment says what a
 *   caller can rely on (order, merged sellers followed, ...).
 *
 * Modules are appended below as they are written (one line each).
 */
export { RowShapeError } from './rows.js';
export * as sellers from './sellers.js';
export * as listings from './listings.js';
export * as offers from './offers.js';
export * as cases from './cases.js';
export * as filing from './filing.js';
export * as notes from './notes.js';
export * as overview from './overview.js';
export * as dossiers from './dossiers.js';
export * as links from './links.js';
export * as operators from './operators.js';
export * as profiles from './profiles.js';
export * as pg from './pg/index.js';
export * as pushes from './pushes.js';
export * as detectionIntegrity from './detection-integrity.js';
export * as thumbnails from './thumbnails.js';
export * as watch from './watch.js';
export * as recaptures from './recaptures.js';
export * as timeline from './timeline.js';
export * as brands from './brands.js';
export * as scores from './scores.js';
export * as monitors from './monitors.js';
export * as results from './results.js';
export * as triage from './triage.js';
export * as uiViews from './ui-views.js';
export * as settings from './settings.js';
export * as custody from './custody.js';
export * as timestamps from './timestamps.js';
export * as integrity from './integrity.js';
export * as captures from './captures.js';
export * as artifacts from './artifacts.js';
export * as takedowns from './takedowns.js';
export * as search from './search.js';
export * as cliViews from './cli-views.js';
