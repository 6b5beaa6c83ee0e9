import { z } from 'zod';
import { API, isApiOperation, type ApiError, type ApiOperation, type ApiResponse } from './contract.js';
import { ApiFailure } from './failure.js';
import type { apiHandlers } from './handlers.js';
import { refusedOver, type Transport } from './transport-policy.js';

/**
 * The one door into the API, shared by both transports: the operation name
 * and its arguments arrive as `unknown`, are parsed against the contract, and
 * the result or the failure goes back as an envelope. A bug becomes a
 * 'failed' error with its message; nothing is thrown across the boundary.
 * The transport says which door the call came in by: some changes are not
 * taken over `exhibit serve` (see transport-policy.ts).
 */
export async function dispatch(handlers: ReturnType<typeof apiHandlers>, op: unknown, args: unknown, transport: Transport): Promise<ApiResponse<ApiOperation>> {
  if (typeof op !== 'string' || !isApiOperation(op)) return fail('invalid-input', `Unknown operation ${JSON.stringify(op)}.`);
  const parsed = API[op].safeParse(args ?? {});
  if (!parsed.success) return fail('invalid-input', `${op}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const refused = refusedOver(transport, op, parsed.data);
  if (refused) return { ok: false, error: refused };
  try {
    const handler = handlers[op] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: (await handler(parsed.data)) as never };
  } catch (e) {
    if (e instanceof ApiFailure) return fail(e.kind, e.message);
    return fail('failed', e instanceof Error ? e.message : String(e));
  }
}

function fail(kind: ApiError['kind'], message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { kind, message } };
}
