import { addToCase, createCase, describeCaseError, listCases, removeFromCase, type CaseMember } from '../../core/catalogue/cases.js';
import { stringValues } from '../args.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

export const caseCommand: Command = {
  name: 'case',
  summary: 'cases (matters): create, list, add or remove sellers, listings or captures',
  usage: 'exhibit case create NAME [--reference REF] | exhibit case list | exhibit case add|remove CASE [--seller M:ID]... [--listing ID]... [--capture ID]... [--workspace DIR] [--json]',
  help: `A case groups the sellers, listings and captures of one matter (a
complaint, a takedown campaign). Captures made with --case C are in case C
from the start; add more with "case add". Every change is a custody event.

  create NAME          make a case (--reference REF: your file number)
  list                 every case, with its counts
  add CASE             add to the case (by name or id):
    --seller M:ID        a seller (MARKETPLACE:ID), with all its listings
    --listing ID         a listing, by its Exhibit id
    --capture ID         a capture, by its id
  remove CASE          take out what was added (the same options); a capture
                       made for the case (--case) stays in it`,
  options: {
    reference: { type: 'string' },
    seller: { type: 'string', multiple: true },
    listing: { type: 'string', multiple: true },
    capture: { type: 'string', multiple: true },
  },
  positionals: { min: 1, max: 2 },
  async run({ values, positionals, out, workspaceDir }) {
    const [action, name] = positionals;
    return withWorkspace(workspaceDir, async (ws) => {
      switch (action) {
        case 'create': {
          if (!name) throw new UsageError('exhibit case create NAME: give the case a name');
          const made = await createCase(ws.db, name, typeof values.reference === 'string' ? values.reference : undefined);
          if (!made.ok) throw new UsageError(describeCaseError(made.error));
          out.line(`Case ${made.value.name} created (${made.value.id}).`);
          out.data(made.value);
          return EXIT.ok;
        }
        case 'list': {
          const cases = await listCases(ws.db);
          out.data(cases);
          if (cases.length === 0) out.line('No cases yet: exhibit case create NAME');
          for (const c of cases) out.line(`${c.name}${c.reference ? ` [${c.reference}]` : ''}  ${c.sellers} sellers, ${c.captures} captures  (created ${c.createdAt}, id ${c.id})`);
          return EXIT.ok;
        }
        case 'add': {
          if (!name) throw new UsageError('exhibit case add CASE --seller M:ID | --listing ID | --capture ID');
          const members = membersOf(values);
          if (members.length === 0) throw new UsageError('exhibit case add CASE: name what to add with --seller M:ID, --listing ID or --capture ID');
          const r = await addToCase(ws.db, name, members);
          if (!r.ok) throw new UsageError(`${describeCaseError(r.error)} Nothing was added.`);
          for (const m of r.value.added) out.line(m.added ? `Added ${m.kind} ${m.ref} to ${name}.` : `${m.kind} ${m.ref} was already in ${name}.`);
          out.data(r.value);
          return EXIT.ok;
        }
        case 'remove': {
          if (!name) throw new UsageError('exhibit case remove CASE --seller M:ID | --listing ID | --capture ID');
          const members = membersOf(values);
          if (members.length === 0) throw new UsageError('exhibit case remove CASE: name what to take out with --seller M:ID, --listing ID or --capture ID');
          const r = await removeFromCase(ws.db, name, members);
          if (!r.ok) throw new UsageError(describeCaseError(r.error));
          for (const m of r.value.removed) out.line(`Removed ${m.kind} ${m.ref} from ${name}.`);
          out.data(r.value);
          return EXIT.ok;
        }
        default:
          throw new UsageError(`exhibit case ${action ?? ''}: expected create, list, add or remove`);
      }
    });
  },
};

function membersOf(values: Record<string, unknown>): CaseMember[] {
  return [
    ...stringValues(values.seller).map((ref) => ({ kind: 'seller' as const, ref })),
    ...stringValues(values.listing).map((ref) => ({ kind: 'listing' as const, ref })),
    ...stringValues(values.capture).map((ref) => ({ kind: 'capture' as const, ref })),
  ];
}
