/**
 * werkzeug.wrappers: `from werkzeug.wrappers import Request, Response`.
 */
export { Request } from "./request";
export { Response } from "./response";
