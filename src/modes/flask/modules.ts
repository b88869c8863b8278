/**
 * Flask's modules user code can import by bare name — Flask and the libraries it is built on:
 * `import { Flask, request } from "flask"`, `import { NotFound } from "werkzeug/exceptions"`,
 * `import * as click from "click"`. One
 * line per module: the export name is the import path.
 */
export * as "flask" from "../../frameworks/flask";
export * as "flask/app" from "../../frameworks/flask/app";
export * as "flask/blueprints" from "../../frameworks/flask/blueprints";
export * as "flask/cli" from "../../frameworks/flask/cli";
export * as "flask/config" from "../../frameworks/flask/config";
export * as "flask/ctx" from "../../frameworks/flask/ctx";
export * as "flask/globals" from "../../frameworks/flask/globals";
export * as "flask/helpers" from "../../frameworks/flask/helpers";
export * as "flask/json" from "../../frameworks/flask/json";
export * as "flask/json/provider" from "../../frameworks/flask/json/provider";
export * as "flask/json/tag" from "../../frameworks/flask/json/tag";
export * as "flask/sessions" from "../../frameworks/flask/sessions";
export * as "flask/signals" from "../../frameworks/flask/signals";
export * as "flask/templating" from "../../frameworks/flask/templating";
export * as "flask/testing" from "../../frameworks/flask/testing";
export * as "flask/views" from "../../frameworks/flask/views";
export * as "flask/wrappers" from "../../frameworks/flask/wrappers";
export * as "werkzeug" from "../../frameworks/werkzeug";
export * as "werkzeug/datastructures" from "../../frameworks/werkzeug/datastructures";
export * as "werkzeug/exceptions" from "../../frameworks/werkzeug/exceptions";
export * as "werkzeug/http" from "../../frameworks/werkzeug/http";
export * as "werkzeug/local" from "../../frameworks/werkzeug/local";
export * as "werkzeug/security" from "../../frameworks/werkzeug/security";
export * as "werkzeug/routing" from "../../frameworks/werkzeug/routing";
export * as "werkzeug/test" from "../../frameworks/werkzeug/test";
export * as "werkzeug/urls" from "../../frameworks/werkzeug/urls";
export * as "werkzeug/utils" from "../../frameworks/werkzeug/utils";
export * as "werkzeug/wrappers" from "../../frameworks/werkzeug/wrappers";
export * as "werkzeug/wsgi" from "../../frameworks/werkzeug/wsgi";
export * as "blinker" from "../../frameworks/blinker";
export * as "itsdangerous" from "../../frameworks/itsdangerous";
export * as "markupsafe" from "../../frameworks/markupsafe";
export * as "jinja2" from "../../frameworks/jinja2";
export * as "click" from "../../frameworks/click";
export * as "click/core" from "../../frameworks/click/core";
export * as "click/decorators" from "../../frameworks/click/decorators";
export * as "click/exceptions" from "../../frameworks/click/exceptions";
export * as "click/types" from "../../frameworks/click/types";
export * as "click/testing" from "../../frameworks/click/testing";
