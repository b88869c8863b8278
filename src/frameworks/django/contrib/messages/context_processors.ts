/** django.contrib.messages.context_processors: a request → `messages` and `DEFAULT_MESSAGE_LEVELS` for templates. */
import type { HttpRequest } from "../../http/request";
import { get_messages } from "./api";
import { DEFAULT_LEVELS } from "./constants";

export function messages(request: HttpRequest): Record<string, unknown> {
  return { messages: get_messages(request), DEFAULT_MESSAGE_LEVELS: DEFAULT_LEVELS };
}
