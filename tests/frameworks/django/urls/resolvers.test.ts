import { afterEach, describe, expect, it } from "vitest";
import {
  NoReverseMatch,
  Resolver404,
  ResolverMatch,
  clear_url_caches,
  get_resolver,
  include,
  path,
  re_path,
  register_converter,
  resolve,
  reverse,
  set_script_prefix,
} from "../../../../src/frameworks/django/urls";
import { Http404 } from "../../../../src/frameworks/django/http/response";
import { ImproperlyConfigured } from "../../../../src/frameworks/django/core/exceptions";
import { TypeError as PyTypeError, ValueError } from "../../../../src/frameworks/python/builtins";
import { UUID } from "../../../../src/frameworks/python/uuid";
import { Recorder, set_active_recorder } from "../../../../src/trace";

function view(name: string, module = "blog.views") {
  const fn = function () {
    return null;
  };
  Object.defineProperty(fn, "name", { value: name });
  (fn as unknown as { __module__: string }).__module__ = module;
  return fn;
}

const index = view("index");
const detail = view("detail");
const archive = view("archive");
const legacy = view("legacy");
const catchall = view("catchall");

const blog_patterns = [path("", index, { name: "index" }), path("<int:pk>/", detail, { name: "detail" })];
const urlconf = {
  urlpatterns: [
    path("blog/", include([blog_patterns, "blog"])),
    path("author/", include([blog_patterns, "blog"], { namespace: "author" })),
    path("articles/<int:year>/", archive, { name: "archive" }),
    re_path("^legacy/(\\d+)/(\\d+)/$", legacy, { name: "legacy" }),
    path("items/<uuid:id>/", view("item"), { kwargs: { flag: true }, name: "item" }),
    path("files/<path:p>", catchall, { name: "files" }),
  ],
};

afterEach(() => {
  clear_url_caches();
  set_script_prefix("/");
  set_active_recorder(new Recorder({ enabled: false }));
});

describe("resolve: a path → ResolverMatch", () => {
  it("matches a converter route and converts the value", () => {
    const m = resolve("/articles/2024/", urlconf);
    expect(m.func).toBe(archive);
    expect(m.kwargs).toEqual({ year: 2024 });
    expect(m.route).toBe("articles/<int:year>/");
    expect(m.view_name).toBe("archive");
    expect(m._func_path).toBe("blog.views.archive");
  });

  it("an include adds its namespace, app name and route prefix", () => {
    const m = resolve("/author/5/", urlconf);
    expect(m.func).toBe(detail);
    expect([m.namespace, m.app_name, m.view_name, m.route]).toEqual(["author", "blog", "author:detail", "author/<int:pk>/"]);
    expect(m.__repr__()).toBe(
      "ResolverMatch(func=blog.views.detail, args=(), kwargs={'pk': 5}, url_name='detail', app_names=['blog'], namespaces=['author'], route='author/<int:pk>/', captured_kwargs={'pk': 5})",
    );
  });

  it("re_path unnamed groups become positional string args", () => {
    const [func, args, kwargs] = resolve("/legacy/1/2/", urlconf);
    expect([func, args, kwargs]).toEqual([legacy, ["1", "2"], {}]);
  });

  it("uuid converter yields a UUID; default kwargs are laid over captured ones", () => {
    const m = resolve("/items/6f1b2a4e-9c3d-4e5f-8a7b-1c2d3e4f5a6b/", urlconf);
    expect(m.kwargs.id).toBeInstanceOf(UUID);
    expect(String(m.kwargs.id)).toBe("6f1b2a4e-9c3d-4e5f-8a7b-1c2d3e4f5a6b");
    expect(m.extra_kwargs).toEqual({ flag: true });
  });

  it("no match raises Resolver404 (an Http404) with the unmatched path and every chain tried", () => {
    let caught: Resolver404 | undefined;
    try {
      resolve("/blog/nope/", urlconf);
    } catch (e) {
      caught = e as Resolver404;
    }
    expect(caught).toBeInstanceOf(Resolver404);
    expect(caught).toBeInstanceOf(Http404);
    expect(caught!.path).toBe("blog/nope/");
    expect(caught!.tried!.map((chain) => chain.map((p) => String(p.pattern)))).toEqual([
      ["blog/", ""],
      ["blog/", "<int:pk>/"],
      ["author/"],
      ["articles/<int:year>/"],
      ["^legacy/(\\d+)/(\\d+)/$"],
      ["items/<uuid:id>/"],
      ["files/<path:p>"],
    ]);
  });

  it("a path without the leading slash misses the root ^/ and has no tried list", () => {
    expect(() => resolve("articles/2024/", urlconf)).toThrow(Resolver404);
    try {
      resolve("articles/2024/", urlconf);
    } catch (e) {
      expect((e as Resolver404).tried).toBeUndefined();
      expect((e as Resolver404).args).toEqual([{ path: "articles/2024/" }]);
    }
  });

  it("a converter whose to_python raises ValueError means 'try the next pattern'", () => {
    register_converter(
      class {
        regex = "[0-9]+";
        to_python(v: string) {
          if (Number(v) % 2) throw new ValueError("odd");
          return Number(v);
        }
        to_url(v: unknown) {
          return String(v);
        }
      },
      "even_t",
    );
    const even = view("even");
    const other = view("other");
    const conf = [path("n/<even_t:n>/", even), path("n/<str:n>/", other)];
    expect(resolve("/n/4/", conf).func).toBe(even);
    expect(resolve("/n/3/", conf).func).toBe(other);
  });
});

describe("reverse: a name → URL", () => {
  it("fills converters and quotes the result", () => {
    expect(reverse("archive", { urlconf, args: [2024] })).toBe("/articles/2024/");
    expect(reverse("files", { urlconf, kwargs: { p: "a b/ü" } })).toBe("/files/a%20b/%C3%BC");
    expect(reverse("files", { urlconf, kwargs: { p: "/evil.com" } })).toBe("/files//evil.com");
    // A URL starting with "//" would be scheme-relative: the second slash is escaped.
    expect(reverse("root", { urlconf: [path("<path:p>", catchall, { name: "root" })], kwargs: { p: "/evil.com" } })).toBe("/%2Fevil.com");
  });

  it("namespaces: instance namespace, default instance by app name, current_app", () => {
    expect(reverse("author:detail", { urlconf, args: [3] })).toBe("/author/3/");
    expect(reverse("blog:index", { urlconf })).toBe("/blog/");
    expect(reverse("blog:index", { urlconf, current_app: "author" })).toBe("/author/");
  });

  it("query and fragment (Django 5.2)", () => {
    expect(reverse("blog:index", { urlconf, query: { q: "a b", tag: ["x", "y"], n: null }, fragment: "top" })).toBe("/blog/?q=a+b&tag=x&tag=y&n=None#top");
  });

  it("the script prefix is prepended", () => {
    set_script_prefix("/mounted");
    expect(reverse("archive", { urlconf, args: [1] })).toBe("/mounted/articles/1/");
  });

  it("errors carry Django's messages", () => {
    expect(() => reverse("archive", { urlconf, args: [1], kwargs: { year: 1 } })).toThrow(new ValueError("Don't mix *args and **kwargs in call to reverse()!"));
    expect(() => reverse("archive", { urlconf, args: [-5] })).toThrow(
      new NoReverseMatch("Reverse for 'archive' with arguments '(-5,)' not found. 1 pattern(s) tried: ['articles/(?P<year>[0-9]+)/\\\\Z']"),
    );
    expect(() => reverse("nope", { urlconf })).toThrow("Reverse for 'nope' not found. 'nope' is not a valid view function or pattern name.");
    expect(() => reverse("x:y", { urlconf })).toThrow("'x' is not a registered namespace");
    expect(() => reverse("blog:x:y", { urlconf })).toThrow("'x' is not a registered namespace inside 'blog'");
  });

  it("reverses by view function too", () => {
    expect(reverse(archive, { urlconf, args: [7] })).toBe("/articles/7/");
  });

  it("for a name used twice, the pattern defined last is tried first (Django's order)", () => {
    const conf = [path("first/", view("a"), { name: "same" }), path("second/", view("b"), { name: "same" })];
    expect(reverse("same", { urlconf: conf })).toBe("/second/");
  });
});

describe("path(), re_path(), include(): keyword arguments and build errors", () => {
  it("three arguments: the options object; four: kwargs dict then options", () => {
    const a = path("a/", index, { name: "a", kwargs: { x: 1 } }) as any;
    const b = path("b/", index, { x: 1 }, { name: "b" }) as any;
    expect([a.name, a.default_args]).toEqual(["a", { x: 1 }]);
    expect([b.name, b.default_args]).toEqual(["b", { x: 1 }]);
  });

  it("an unknown option is a TypeError, like an unexpected keyword argument", () => {
    expect(() => path("a/", index, { nam: "a" } as any)).toThrow(new PyTypeError("path() got an unexpected keyword argument 'nam'"));
  });

  it("view must be callable", () => {
    expect(() => path("a/", "views.index" as any)).toThrow("view must be a callable or a list/tuple in the case of include().");
  });

  it.each([
    [() => path("x/<int: pk>/", index), "URL route 'x/<int: pk>/' cannot contain whitespace in angle brackets <…>."],
    [() => path("x/<foo:pk>/", index), "URL route 'x/<foo:pk>/' uses invalid converter 'foo'."],
    [() => path("x/<int:p-k>/", index), "URL route 'x/<int:p-k>/' uses parameter name 'p-k' which isn't a valid Python identifier."],
    [
      () => include([path("a/", index)], { namespace: "ns" }),
      "Specifying a namespace in include() without providing an app_name is not supported. Set the app_name attribute in the included module, or pass a 2-tuple containing the list of patterns and app_name instead.",
    ],
  ])("ImproperlyConfigured %#", (build, message) => {
    expect(build).toThrow(new ImproperlyConfigured(message));
  });

  it("an invalid re_path regex is ImproperlyConfigured when first used", () => {
    const conf = [re_path("^(a/$", index)];
    expect(() => get_resolver(conf)._populate()).toThrow('"^(a/$" is not a valid regular expression: missing ), unterminated subpattern at position 1');
  });

  it("a module's app_name is used by include()", () => {
    const module = { app_name: "shop", urlpatterns: [path("cart/", index, { name: "cart" })] };
    expect(reverse("shop:cart", { urlconf: [path("s/", include(module))] })).toBe("/s/cart/");
  });
});

describe("trace: resolve records every pattern tried and why", () => {
  it("nests include spans and explains misses", () => {
    const recorder = new Recorder();
    set_active_recorder(recorder);
    const m = get_resolver(urlconf).resolve("/author/5/");
    expect(m).toBeInstanceOf(ResolverMatch);
    const spans = recorder.trace().spans;
    const summary = spans.map((s) => [s.kind, s.name, s.parent, s.attrs.matched]);
    expect(summary).toEqual([
      ["resolver", "resolve /author/5/", null, true],
      ["resolver", "include blog/", 0, false],
      ["resolver", "include author/", 0, true],
      ["pattern", "'' (empty route)", 2, false],
      ["pattern", "<int:pk>/", 2, true],
    ]);
    expect(spans[1].attrs.reason).toBe("prefix blog/ did not match");
    expect(spans[3].attrs.reason).toBe("route '' (regex ^\\Z) did not match '5/'");
    expect(spans[4].attrs.captured_kwargs).toEqual({ pk: 5 });
    expect(spans[4].attrs.converters).toEqual({ pk: "IntConverter" });
    expect(spans[0].attrs.view_name).toBe("author:detail");
  });

  it("a converter's ValueError is given as the reason", () => {
    register_converter(
      class OddRejecter {
        regex = "[0-9]+";
        to_python(v: string) {
          if (Number(v) % 2) throw new ValueError("odd");
          return Number(v);
        }
        to_url(v: unknown) {
          return String(v);
        }
      },
      "even_r",
    );
    const recorder = new Recorder();
    set_active_recorder(recorder);
    expect(() => get_resolver([path("<even_r:n>/", index)]).resolve("/3/")).toThrow(Resolver404);
    const pattern = recorder.trace().spans.find((s) => s.kind === "pattern")!;
    expect(pattern.attrs.reason).toBe("OddRejecter.to_python('3') for <n> raised ValueError: odd");
  });
});

describe("performance shape", () => {
  it("resolves the 105th of 105 patterns with compiled, cached patterns", () => {
    const patterns = Array.from({ length: 105 }, (_, k) => path(`section${k}/<int:pk>/`, view(`v${k}`), { name: `n${k}` }));
    const resolver = get_resolver(patterns);
    resolver.resolve("/section104/1/");
    const start = performance.now();
    for (let k = 0; k < 200; k++) resolver.resolve("/section104/1/");
    const per_resolve = (performance.now() - start) / 200;
    expect(per_resolve).toBeLessThan(2);
  });
});

describe("misses are explained by the match itself", () => {
  it("a traced resolve runs each pattern's regex once (the reason comes from match_or_miss)", async () => {
    const re = await import("../../../../src/frameworks/python/re");
    const patterns = [path("a/", index), path("b/<int:pk>/", detail), path("c/<slug:s>/", archive), path("d/", legacy)];
    const resolver = get_resolver(patterns);
    resolver.resolve("/d/"); // compile every pattern's regex first
    const calls: string[] = [];
    const search = re.Pattern.prototype.search;
    re.Pattern.prototype.search = function (this: InstanceType<typeof re.Pattern>, ...args: Parameters<typeof search>) {
      calls.push(this.pattern);
      return search.apply(this, args);
    };
    try {
      const recorder = new Recorder();
      set_active_recorder(recorder);
      expect(resolver.resolve("/d/").url_name).toBe(null);
      const reasons = recorder.trace().spans.filter((s) => s.kind === "pattern").map((s) => s.attrs.reason ?? "matched");
      expect(reasons).toEqual([
        "route 'a/' (regex ^a/\\Z) did not match 'd/'",
        "route 'b/<int:pk>/' (regex ^b/(?P<pk>[0-9]+)/\\Z) did not match 'd/'",
        "route 'c/<slug:s>/' (regex ^c/(?P<s>[-a-zA-Z0-9_]+)/\\Z) did not match 'd/'",
        "matched",
      ]);
      expect(calls.filter((p) => p !== "^/")).toEqual(["^a/\\Z", "^b/(?P<pk>[0-9]+)/\\Z", "^c/(?P<s>[-a-zA-Z0-9_]+)/\\Z", "^d/\\Z"]);
    } finally {
      re.Pattern.prototype.search = search;
      set_active_recorder(new Recorder({ enabled: false }));
    }
  });

  it("an include whose prefix misses is skipped without raising; resolve() still raises Resolver404 with every pattern tried", () => {
    const resolver = get_resolver(urlconf);
    const missed = resolver.resolve_or_miss("/nowhere/");
    expect(missed).not.toBeInstanceOf(ResolverMatch);
    const raised = (() => {
      try {
        resolver.resolve("/nowhere/");
      } catch (e) {
        return e as Resolver404;
      }
      throw new Error("resolve() did not raise");
    })();
    expect(raised).toBeInstanceOf(Resolver404);
    expect(raised.path).toBe("nowhere/");
    expect(raised.tried?.map((chain) => chain.map((p) => String(p.pattern)))).toEqual((missed as { tried: { pattern: unknown }[][] }).tried.map((chain) => chain.map((p) => String(p.pattern))));
    expect(String(raised.args[0] && Object.keys(raised.args[0] as object))).toBe("tried,path");
  });
});
