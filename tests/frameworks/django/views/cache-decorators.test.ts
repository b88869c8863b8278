/**
 * django.utils.cache's Cache-Control merging, django.views.decorators.cache (never_cache,
 * cache_control) and django.utils.decorators.method_decorator, against values printed by Django
 * 5.2.17 (the learner project tests/learner/projects/notes replays the same decorators end to end).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { settings } from "../../../../src/frameworks/django/conf";
import { HttpRequest } from "../../../../src/frameworks/django/http/request";
import { HttpResponse } from "../../../../src/frameworks/django/http/response";
import { add_never_cache_headers, patch_cache_control } from "../../../../src/frameworks/django/utils/cache";
import { method_decorator } from "../../../../src/frameworks/django/utils/decorators";
import { cache_control, never_cache } from "../../../../src/frameworks/django/views/decorators/cache";
import { python_class } from "../../../../src/frameworks/python/mro";

beforeAll(() => {
  if (!settings.configured) settings.configure({ DEBUG: false });
});

describe("patch_cache_control", () => {
  it("merges: the smaller max-age, private drops public, a bare no-cache wins over field names, False printed as Python does", () => {
    const r = new HttpResponse();
    r.headers.set("Cache-Control", "max-age=100, public, no-cache=Set-Cookie");
    patch_cache_control(r, { max_age: 50, private: true, no_cache: true, no_transform: false, s_maxage: 3 });
    expect(r.headers.get("Cache-Control")).toBe("max-age=50, no-cache, private, no-transform=False, s-maxage=3");
  });

  it("add_never_cache_headers: max-age=0 and the four flags, an existing Public dropped, Expires set", () => {
    const r = new HttpResponse();
    r.headers.set("Cache-Control", "max-age=100, Public");
    add_never_cache_headers(r);
    expect(r.headers.get("Cache-Control")).toBe("max-age=0, no-cache, no-store, must-revalidate, private");
    expect(r.has_header("Expires")).toBe(true);
  });
});

describe("never_cache and cache_control", () => {
  it("decorate a function view's responses and keep its name", () => {
    const view = cache_control({ max_age: 60, public: true })(function feed(_request: HttpRequest) {
      return new HttpResponse("x");
    });
    expect(view.name).toBe("feed");
    expect(view(new HttpRequest()).headers.get("Cache-Control")).toBe("max-age=60, public");
  });

  it("refuse a first argument that is not a request, as on an undecorated method", () => {
    const view = never_cache((_request: HttpRequest) => new HttpResponse("x"));
    expect(() => view("notreq" as never)).toThrow("never_cache didn't receive an HttpRequest. If you are decorating a classmethod, be sure to use @method_decorator.");
    const other = cache_control({ max_age: 1 })((_request: HttpRequest) => new HttpResponse("x"));
    expect(() => other(1 as never)).toThrow("cache_control didn't receive an HttpRequest. If you are decorating a classmethod, be sure to use @method_decorator.");
  });
});

describe("method_decorator", () => {
  const K = python_class("blog.views", [], (Base) =>
    class K extends Base {
      get(request: HttpRequest): HttpResponse {
        return new HttpResponse(`got ${request.method}`);
      }
    },
  );

  it("decorates the named method on the class: the decorator sees the request first, the method its instance", () => {
    const Decorated = method_decorator(never_cache, { name: "get" })(K);
    expect(Decorated).toBe(K);
    const request = new HttpRequest();
    request.method = "GET";
    const response = new (Decorated as any)().get(request);
    expect(response.content).toEqual(new TextEncoder().encode("got GET"));
    expect(response.headers.get("Cache-Control")).toBe("max-age=0, no-cache, no-store, must-revalidate, private");
  });

  it("names the class and the name it was given when that is no method", () => {
    expect(() => method_decorator(never_cache)(K)).toThrow("The keyword argument `name` must be the name of a method of the decorated class: <class 'blog.views.K'>. Got '' instead.");
    expect(() => method_decorator(never_cache, { name: "nope" })(K)).toThrow("The keyword argument `name` must be the name of a method of the decorated class: <class 'blog.views.K'>. Got 'nope' instead.");
  });
});
