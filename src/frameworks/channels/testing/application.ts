/**
 * channels.testing.application: asgiref's `ApplicationCommunicator`, re-exported (Channels' own
 * communicators build on it).
 */
export { ApplicationCommunicator } from "../../asgiref/testing";
