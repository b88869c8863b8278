/**
 * channels.exceptions: what Channels' layers raise to talk to each other.
 *
 * A consumer's `connect()` may raise `AcceptConnection` or `DenyConnection` instead of calling
 * `accept()` / `close()`; a handler raises `StopConsumer` to end the consumer cleanly (the
 * generic consumers do after `disconnect()`); a channel layer raises `ChannelFull` when a
 * channel holds `capacity` messages, and `InvalidChannelLayerError` when it is missing or
 * misconfigured.
 */
import { Exception } from "../python/builtins";

/** The HTTP request body was not read to the end (the client went away). */
export class RequestAborted extends Exception {}
/** Reading the HTTP request body took too long. */
export class RequestTimeout extends RequestAborted {}
/** The channel layer is missing, or its BACKEND cannot do what was asked (groups). */
export class InvalidChannelLayerError extends Exception {}
/** Raised in `connect()` to accept the WebSocket (same as calling `accept()`). */
export class AcceptConnection extends Exception {}
/** Raised in `connect()` to refuse the WebSocket (same as calling `close()`). */
export class DenyConnection extends Exception {}
/** The channel already holds as many messages as the layer's capacity allows. */
export class ChannelFull extends Exception {}
/** A message too large for the channel layer. */
export class MessageTooLarge extends Exception {}
/** Raised by a handler to end the consumer's loop without an error. */
export class StopConsumer extends Exception {}
