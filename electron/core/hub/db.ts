/** The hub's connection lives with its data access, in electron/core/store/pg. */
export { inHubTransaction, openHubDatabase, type HubClient, type HubPool, type HubQueryable } from '../store/pg/db.js';
