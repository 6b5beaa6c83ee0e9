import type { ApiError, ApiInput, ApiOperation, ApiOutputs } from './contract.js';

/** An expected failure inside a handler: it becomes the response's error, never a crash. */
export class ApiFailure extends Error {
  constructor(
    readonly kind: ApiError['kind'],
    message: string,
  ) {
    super(message);
  }
}

/** Each operation's handler: its input arrives parsed (see dispatch.ts). */
export type Handlers = { [K in ApiOperation]: (input: ApiInput<K>) => Promise<ApiOutputs[K]> };
