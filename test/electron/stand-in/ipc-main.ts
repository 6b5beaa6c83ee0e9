type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** ipcMain as Electron documents it for handle/removeHandler: one handler per channel, a second one throws. */
export class StandInIpcMain {
  private readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  handlerFor(channel: string): Handler | undefined {
    return this.handlers.get(channel);
  }

  /** A message as a compromised or foreign renderer would send it: the frame is whatever that renderer is showing. */
  async invokeFrom(frame: { url: string; parent: unknown }, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler({ sender: null, frameId: 2, processId: 2, senderFrame: frame }, ...structuredClone(args)));
  }

  reset(): void {
    this.handlers.clear();
  }
}
