/**
 * django.contrib.messages: one-time notices between requests. Views write
 * `messages.success(request, "Saved.")`; templates loop over `messages` (context processor).
 */
export * from "./api";
export * from "./constants";
export { Message } from "./storage/base";
