/**
 * The hub's data access (PostgreSQL), as the workspace's store does it for
 * SQLite: one module per table group, rows parsed with zod where they leave
 * the database. Functions take a pool or a transaction's connection first.
 */
export * as hubDb from './db.js';
export * as hubUsers from './users.js';
export * as hubCustody from './custody.js';
export * as hubCatalogue from './catalogue.js';
export * as hubJobs from './jobs.js';
export * as hubUploads from './uploads.js';
export * as hubRoots from './roots.js';
export * as hubViews from './views.js';
export * as hubCases from './cases.js';
export * as hubCaseViews from './case-views.js';
export * as hubSearch from './search.js';
export * as hubDossierIdentity from './dossier-identity.js';
