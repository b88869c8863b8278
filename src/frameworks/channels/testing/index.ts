/** channels.testing: communicators that drive a Channels application without a server. */
export { ApplicationCommunicator } from "./application";
export { HttpCommunicator } from "./http";
export { WebsocketCommunicator } from "./websocket";
