/**
 * django.dispatch: `from django.dispatch import Signal, receiver`.
 *
 * A Signal turns one `send(sender, kwargs)` into calls to every receiver connected for that sender.
 */
export { Signal, receiver, bound_method } from "./dispatcher";
export type { Receiver, SignalKwargs, Response, ConnectOptions, DisconnectOptions, BoundMethod } from "./dispatcher";
