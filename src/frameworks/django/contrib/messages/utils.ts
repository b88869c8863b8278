/** django.contrib.messages.utils: the level → tag map, Django's defaults overridden by settings.MESSAGE_TAGS. */
import { settings } from "../../conf";
import { DEFAULT_TAGS } from "./constants";

export function get_level_tags(): Record<number, string> {
  return { ...DEFAULT_TAGS, ...("MESSAGE_TAGS" in settings ? (settings.MESSAGE_TAGS as Record<number, string>) : {}) };
}
