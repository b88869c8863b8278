/** django.contrib.messages.constants: message levels (numbers, like logging's) → their tag names. */
export const DEBUG = 10;
export const INFO = 20;
export const SUCCESS = 25;
export const WARNING = 30;
export const ERROR = 40;

export const DEFAULT_TAGS: Record<number, string> = { [DEBUG]: "debug", [INFO]: "info", [SUCCESS]: "success", [WARNING]: "warning", [ERROR]: "error" };
export const DEFAULT_LEVELS: Record<string, number> = { DEBUG, INFO, SUCCESS, WARNING, ERROR };
