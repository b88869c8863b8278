import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { settings } from "../../../../src/frameworks/django/conf";
import { HttpRequest } from "../../../../src/frameworks/django/http/request";
import { HttpResponse } from "../../../../src/frameworks/django/http/response";
import { ListView, RedirectView, TemplateView, View } from "../../../../src/frameworks/django/views/generic";
import { percent_format_mapping } from "../../../../src/frameworks/django/views/generic/base";
import { class_path, mro_of } from "../../../../src/frameworks/python/mro";
import { Recorder, set_active_recorder } from "../../../../src/trace";

function request(method: string, path = "/x/"): HttpRequest {
  const r = new HttpRequest();
  r.method = method;
  r.path = path;
  r.path_info = path;
  return r;
}

beforeAll(() => {
  if (!settings.configured) settings.configure({ DEBUG: false });
});

let previous: Recorder | null = null;
afterEach(() => {
  if (previous) set_active_recorder(previous);
  previous = null;
});

describe("View", () => {
  class Hello extends View {
    get(_request: HttpRequest) {
      return new HttpResponse("hello");
    }
  }

  it("dispatches by method, HEAD falls back to get, others are 405 with Allow", () => {
    const view = Hello.as_view();
    expect((view(request("GET")) as HttpResponse).content).toEqual(new TextEncoder().encode("hello"));
    expect((view(request("HEAD")) as HttpResponse).status_code).toBe(200);
    const r = view(request("POST")) as HttpResponse;
    expect([r.status_code, r.getitem("Allow")]).toEqual([405, "GET, HEAD, OPTIONS"]);
  });

  it("as_view refuses method names and unknown attributes as keyword arguments", () => {
    expect(() => Hello.as_view({ get: 1 })).toThrow("The method name get is not accepted as a keyword argument to Hello().");
    expect(() => Hello.as_view({ colour: "red" })).toThrow("Hello() received an invalid keyword 'colour'. as_view only accepts arguments that are already attributes of the class.");
  });

  it("records view_class and view_initkwargs on the view function", () => {
    const view = Hello.as_view({ http_method_names: ["get"] });
    expect(view.view_class).toBe(Hello);
    expect(view.view_initkwargs).toEqual({ http_method_names: ["get"] });
    expect((view(request("OPTIONS")) as HttpResponse).status_code).toBe(405);
  });
});

describe("TemplateView and RedirectView", () => {
  it("TemplateView puts the URL kwargs, the view and extra_context in the context", () => {
    class About extends TemplateView {
      static override template_name = "about.html";
      static override extra_context = { title: "Hi" };
    }
    const r = About.as_view()(request("GET"), { slug: "x" }) as any;
    expect(r.template_name).toEqual(["about.html"]);
    expect(Object.keys(r.context_data)).toEqual(["slug", "view", "title"]);
  });

  it("RedirectView interpolates url % kwargs and answers 410 Gone without a url", () => {
    class Go extends RedirectView {
      static override url = "/books/%(pk)s/";
    }
    const r = Go.as_view()(request("GET"), { pk: 5 }) as HttpResponse;
    expect([r.status_code, r.getitem("Location")]).toEqual([302, "/books/5/"]);
    expect((RedirectView.as_view()(request("GET")) as HttpResponse).status_code).toBe(410);
  });

  it("`url % kwargs` follows Python's %-formatting", () => {
    expect(percent_format_mapping("/100%%/", {})).toBe("/100%/");
    expect(() => percent_format_mapping("/a%2Fb/", {})).toThrow("must be real number, not dict");
  });
});

describe("MRO and the method trace", () => {
  it("ListView's MRO is Django's", () => {
    expect(mro_of(ListView).map(class_path)).toEqual([
      "django.views.generic.list.ListView",
      "django.views.generic.list.MultipleObjectTemplateResponseMixin",
      "django.views.generic.base.TemplateResponseMixin",
      "django.views.generic.list.BaseListView",
      "django.views.generic.list.MultipleObjectMixin",
      "django.views.generic.base.ContextMixin",
      "django.views.generic.base.View",
      "builtins.object",
    ]);
  });

  it("records each method that ran, the class that defined it, and super() hops", () => {
    class Home extends TemplateView {
      static override template_name = "home.html";
      override get_context_data(kwargs = {}) {
        return { ...super.get_context_data(kwargs), extra: 1 };
      }
    }
    const recorder = new Recorder();
    previous = set_active_recorder(recorder);
    Home.as_view()(request("GET"));
    const spans = recorder.trace().spans.filter((s) => s.kind === "view");
    expect(spans.map((s) => s.name)).toEqual([
      "View.__init__",
      "View.setup",
      "View.dispatch",
      "TemplateView.get",
      "Home.get_context_data",
      "ContextMixin.get_context_data",
      "TemplateResponseMixin.render_to_response",
      "TemplateResponseMixin.get_template_names",
    ]);
    const hop = spans[5];
    expect(hop.attrs).toMatchObject({ defined_in: "django.views.generic.base.ContextMixin", super_hop: true, method: "get_context_data" });
    expect(hop.parent).toBe(spans[4].id);
    // The outermost call carries the MRO, so a saved trace can show it without the code.
    expect(spans[0].attrs.mro).toEqual(expect.arrayContaining(["django.views.generic.base.TemplateView", "django.views.generic.base.ContextMixin", "django.views.generic.base.View"]));
    expect(hop.attrs.mro).toBeUndefined();
  });
});
