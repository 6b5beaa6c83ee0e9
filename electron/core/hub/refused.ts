/** A push the hub will not take, with the reason the pusher is told. Nothing of it is stored. */
export class PushRefused extends Error {
  override readonly name = 'PushRefused';
}
