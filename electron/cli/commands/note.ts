import { captureNote, writeCaptureNote } from '../../core/catalogue/notes.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';
import { captures } from '../../core/store/index.js';

export const noteCommand: Command = {
  name: 'note',
  summary: "the investigator's note on a capture (kept beside the evidence, never in it)",
  usage: 'exhibit note CAPTURE_ID [TEXT | --clear] [--workspace DIR] [--json]',
  help: `Writes, or shows, your note on a capture. A note is not evidence: it is
kept beside the capture, every version of it is kept, and each change is in
the custody log. (The --note given to exhibit capture is different: it is
sealed in the capture's signed manifest and cannot change.)

  TEXT      the note; replaces the one in force (the old one is kept)
  --clear   clear the note (as a new, empty version)
  without TEXT, shows the note and its earlier versions`,
  options: { clear: { type: 'boolean' } },
  positionals: { min: 1, max: 2 },
  async run({ values, positionals, out, workspaceDir }) {
    const [id, text] = positionals as [string, string | undefined];
    if (text !== undefined && values.clear === true) throw new UsageError('exhibit note: give a TEXT or --clear, not both');
    return withWorkspace(workspaceDir, async (ws) => {
      if (text === undefined && values.clear !== true) {
        if (!(await captures.captureExists(ws.db, id))) throw new UsageError(`No capture ${id} in this workspace.`);
        const note = await captureNote(ws.db, id);
        out.data(note);
        if (!note || note.text === '') out.line(`No note on capture ${id}.`);
        else out.line(`${note.text}\n(written ${note.at}${note.history.length ? `; ${note.history.length} earlier version(s)` : ''})`);
        for (const h of note?.history ?? []) out.line(`  earlier, ${h.at}: ${h.text === '' ? '(cleared)' : h.text}`);
        return EXIT.ok;
      }
      const r = await writeCaptureNote(ws.db, id, text ?? '');
      if (!r.ok) throw new UsageError(`${r.error}. Nothing was written.`);
      out.data(r.value);
      out.line(text ? `Note on capture ${id} written.` : `Note on capture ${id} cleared.`);
      return EXIT.ok;
    });
  },
};
