/**
 * werkzeug: the WSGI toolkit Flask is built on — `from werkzeug import Request, Response`,
 * plus the submodules (`werkzeug/routing`, `werkzeug/exceptions`, `werkzeug/datastructures`, …).
 */
export { Request } from "./wrappers/request";
export { Response } from "./wrappers/response";
export { Client, EnvironBuilder } from "./test";
