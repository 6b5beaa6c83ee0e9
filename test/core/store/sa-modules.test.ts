import { describe, expect, it } from 'vitest';
import { captures, custody, RowShapeError } from '../../../electron/core/store/index.js';
import { exhibit, sqliteCli } from '../../helpers/cli.js';
import { newWorkspace, reopen, sampleCapture } from '../../helpers/workspace.js';

/*
 * Every table is STRICT, so SQLite itself refuses a value of the wrong type;
 * what is left to damage a row is a table SQLite does not type
 * (sqlite_sequence) or a schema edited by hand (writable_schema). Either way
 * the store names the table and the field, and nothing is written.
 */
describe('store: a damaged row is named where it is read', () => {
  it('the custody counter edited to text: appending is refused naming sqlite_sequence, nothing is stored, and exhibit verify exits 2 saying where', async () => {
    let ws = await newWorkspace();
    await sampleCapture(ws, 1);
    const before = await custody.entries(ws.db);
    await ws.close();
    expect(sqliteCli(ws.layout.database, "UPDATE sqlite_sequence SET seq = 'eleven' WHERE name = 'custody_log'").code).toBe(0);
    ws = await reopen(ws);

    const refused = await sampleCapture(ws, 2).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(RowShapeError);
    expect((refused as RowShapeError).what).toBe('sqlite_sequence (custody_log)');
    expect((refused as RowShapeError).message).toMatch(/seq/);
    // The capture and its custody entry went back together.
    expect(await custody.entries(ws.db)).toEqual(before);
    await ws.close();

    const r = await exhibit(['verify', '--workspace', ws.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sqlite_sequence (custody_log)');
    expect(r.stderr).toContain('edited outside Exhibit or is damaged');
    expect(r.stderr).not.toContain('internal error');
  });

  it('a capture row given a text status through an edited schema: reading it names captures and httpStatus, and exhibit show exits 2', async () => {
    let ws = await newWorkspace();
    const c = await sampleCapture(ws, 1);
    expect((await captures.captureById(ws.db, c.id))?.httpStatus).toBe(200);
    await ws.close();
    const unstrict = sqliteCli(ws.layout.database, "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = 'captures';");
    expect(unstrict.code, unstrict.stderr).toBe(0);
    const edit = sqliteCli(ws.layout.database, `DROP TRIGGER captures_no_update; UPDATE captures SET http_status = 'two hundred' WHERE id = '${c.id}';`);
    expect(edit.code, edit.stderr).toBe(0);
    ws = await reopen(ws);

    const refused = await captures.captureById(ws.db, c.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(RowShapeError);
    expect((refused as RowShapeError).what).toBe('captures');
    expect((refused as RowShapeError).issue).toMatch(/^httpStatus: /);
    await ws.close();

    const r = await exhibit(['show', c.id, '--workspace', ws.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('captures: a stored row is not in the expected shape (httpStatus');
  });
});
