/**
 * Replays the `middleware` area. `kind: "order"` cases build the recorded stack of logging
 * middleware classes around the order URLconf and compare the event log, status, body and Django
 * log records. `kind: "steps"` cases replay a request sequence through the default startproject
 * stack with a browser-like cookie jar (middleware_steps.ts).
 */
import type { AreaReplayer, CaseResult, CorpusCase, CorpusFile } from "../area";
import { expect_equal } from "../compare";
import { RuntimeError, ValueError } from "../../frameworks/python/builtins";
import { add_handler, WARNING } from "../../frameworks/python/logging";
import { settings, override_settings } from "../../frameworks/django/conf";
import { HttpResponse, Http404 } from "../../frameworks/django/http/response";
import { TemplateResponse } from "../../frameworks/django/template/response";
import { path, clear_url_caches } from "../../frameworks/django/urls";
import { WSGIHandler } from "../../frameworks/django/core/handlers/wsgi";
import { ModuleNotFoundError, set_module_importer, type Module } from "../../frameworks/django/utils/module_loading";
import { FRAMEWORK_MODULES } from "../../modes";
import { request_environ, response_text } from "./wsgi-harness";
import { replay_steps } from "./middleware_steps";

interface MiddlewareSpec {
  name: string;
  hooks?: string[];
  short_circuit?: "call" | "view" | "view_template";
  raise_in?: "call" | "process_view";
  handle_exception?: boolean;
}

/** `Template("{{ msg }}")` — the one template these cases render (the template engine is a later issue). */
const MSG_TEMPLATE = { render: (context?: Record<string, unknown> | null) => String(context?.msg ?? "") };

/** The recorded middleware: each hook appends to `events` exactly as the recording's classes did. */
function make_middleware(spec: MiddlewareSpec, events: string[]) {
  const N = spec.name;
  const hooks = new Set(spec.hooks ?? ["process_view", "process_exception", "process_template_response"]);
  class Recorded {
    constructor(readonly get_response: (r: unknown) => any) {}
    __call__(request: unknown) {
      events.push(`${N}.call:before`);
      if (spec.raise_in === "call") {
        events.push(`${N}.raise`);
        throw new RuntimeError(`raised in ${N}.__call__`);
      }
      let response;
      if (spec.short_circuit === "call") {
        events.push(`${N}.short_circuit`);
        response = new HttpResponse(`short-circuit:${N}`);
      } else response = this.get_response(request);
      events.push(`${N}.call:after(${response.status_code})`);
      return response;
    }
  }
  const proto = Recorded.prototype as any;
  if (hooks.has("process_view"))
    proto.process_view = function (request: unknown) {
      events.push(`${N}.process_view`);
      if (spec.raise_in === "process_view") {
        events.push(`${N}.raise`);
        throw new RuntimeError(`raised in ${N}.process_view`);
      }
      if (spec.short_circuit === "view") {
        events.push(`${N}.short_circuit`);
        return new HttpResponse(`view-short-circuit:${N}`);
      }
      if (spec.short_circuit === "view_template") {
        events.push(`${N}.short_circuit`);
        return new TemplateResponse(request, MSG_TEMPLATE, { msg: `from-${N}` });
      }
      return null;
    };
  if (hooks.has("process_exception"))
    proto.process_exception = function (_request: unknown, exception: unknown) {
      events.push(`${N}.process_exception(${(exception as object).constructor.name})`);
      if (spec.handle_exception) {
        events.push(`${N}.handled`);
        return new HttpResponse(`handled-by:${N}`);
      }
      return null;
    };
  if (hooks.has("process_template_response"))
    proto.process_template_response = function (_request: unknown, response: TemplateResponse) {
      events.push(`${N}.process_template_response`);
      response.context_data!.msg = `${response.context_data!.msg}+${N}`;
      return response;
    };
  Object.defineProperty(Recorded, "name", { value: N });
  return Recorded;
}

/** The order URLconf: each view appends "view" and behaves as the recording describes. */
function order_urlconf(events: string[]): Module {
  const view = (fn: (request: unknown) => unknown) => (request: unknown) => {
    events.push("view");
    return fn(request);
  };
  return {
    urlpatterns: [
      path("ok/", view(() => new HttpResponse("ok"))),
      path("raise/", view(() => { throw new ValueError("boom"); })),
      path("http404/", view(() => { throw new Http404(); })),
      path("template/", view((r) => new TemplateResponse(r, MSG_TEMPLATE, { msg: "base" }))),
      path("template-missing/", view((r) => new TemplateResponse(r, "missing.html", {}))),
      path("none/", view(() => null)),
    ],
  };
}

async function replay_order(file: CorpusFile, c: CorpusCase): Promise<CaseResult> {
  const events: string[] = [];
  const log: [string, string, string][] = [];
  const modules: Record<string, Module> = { "conformance/order_urls": order_urlconf(events), "conformance/order_mw": {} };
  const stack = (c.input.stack as MiddlewareSpec[]).map((spec) => {
    modules["conformance/order_mw"][spec.name] = make_middleware(spec, events);
    return `conformance.order_mw.${spec.name}`;
  });
  set_module_importer((p) => {
    if (modules[p]) return modules[p];
    const framework = (FRAMEWORK_MODULES as Record<string, Module>)[p];
    if (framework) return framework;
    throw new ModuleNotFoundError(`No module named '${p.replace(/\//g, ".")}'`);
  });
  const remove = add_handler((r) => {
    if (r.levelno >= WARNING && r.name.startsWith("django")) log.push([r.levelname, r.name, r.message]);
  });
  try {
    settings.configure({ ...file.settings, SECRET_KEY: "conformance", MIDDLEWARE: stack, ROOT_URLCONF: "conformance.order_urls", INSTALLED_APPS: [] });
    clear_url_caches();
    const handler = override_settings({}, () => new WSGIHandler());
    const response = await handler.__call__(request_environ(c.input.request), () => () => {});
    // Requests go through the test client, which empties the body of a HEAD (and a 1xx/204/304) response.
    const actual = { events, status: response.status_code, body: response_text(response as never, String(c.input.request.method).toUpperCase(), response.status_code), log };
    return expect_equal(actual, c.expect);
  } finally {
    remove();
    set_module_importer(null);
  }
}

export const replayer: AreaReplayer = {
  prepare(file) {
    return (c) => (c.input.kind === "order" ? replay_order(file, c) : replay_steps(file, c));
  },
};
