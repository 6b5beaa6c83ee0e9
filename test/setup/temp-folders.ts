import { afterAll, afterEach } from 'vitest';
import { removeSuiteFolders, removeTestFolders } from '../helpers/tmp.js';

// A setup file runs for every test file, also when files share one module
// graph (isolate: false): the hooks are registered in each file, not only in
// the first that imported the helper.
afterEach(removeTestFolders);
afterAll(removeSuiteFolders);
