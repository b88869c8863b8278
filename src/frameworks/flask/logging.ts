/**
 * flask.logging: `app.logger` is the standard logger named after the app; Flask logs an
 * unhandled exception there as `Exception on /path [GET]` with the exception attached.
 */
import { getLogger, type Logger } from "../python/logging";
import type { App } from "./sansio/app";

/** `create_logger(app)`: `logging.getLogger(app.name)`. */
export function create_logger(app: App): Logger {
  return getLogger(app.name);
}
