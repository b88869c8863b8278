/**
 * Fuzz target: a request path → URLResolver.resolve over a URLconf of path() routes (with every
 * built-in converter), re_path() regexes (Python syntax, translated by python/re.ts) and include()s;
 * then reverse() of a random name with random arguments.
 *
 * The URLconf is part of each input: routes are built from the shapes Django's documentation
 * shows, sometimes mutated (invalid converters, whitespace, unbalanced regexes) so the checks that
 * reject them are fuzzed too. A route's regex is the project's own code: one with nested
 * quantifiers costs in JavaScript what it costs in Python, so the generator writes none.
 */
import { settings } from "../../../src/frameworks/django/conf";
import { ImproperlyConfigured } from "../../../src/frameworks/django/core/exceptions";
import { include, path, re_path } from "../../../src/frameworks/django/urls/conf";
import { NoReverseMatch, Resolver404 } from "../../../src/frameworks/django/urls/exceptions";
import { RegexPattern, URLResolver } from "../../../src/frameworks/django/urls/resolvers";
import * as py from "../../../src/frameworks/python/builtins";
import { mutate, repeat_to } from "../mutate";
import { random_name, random_text, type Rng } from "../prng";
import { define_target, preview } from "../target";

/** A shared scenario's request target is at most 8,000 characters (LIMITS in src/scenarios/format.ts). */
export const URL_PATH_LIMIT = 8000;

type Route = { kind: "path" | "re_path"; route: string; name: string; children?: Route[] };
type Input = { routes: Route[]; path: string; reverse: { name: string; args: string[]; kwargs: Record<string, string> } };

const CONVERTERS = ["int", "str", "slug", "uuid", "path", "nope", "", "int "];
const REGEX_PIECES = ["^", "$", "\\Z", "(?P<year>[0-9]{4})", "(?P<slug>[-\\w]+)", "([0-9]+)", "(?:page-(?P<page>\\d+)/)?", "[^/]+", "\\d{2}", "archive/", "/", "(?P<a>x|y)", "\\.", "(?i)", "\\w+", "(", ")", "[", "(?P<1bad>.)", "\\"];

function random_route(rng: Rng, depth: number): Route {
  const name = rng.chance(0.8) ? random_name(rng, 4) : "";
  if (rng.chance(0.6)) {
    const segments: string[] = [];
    const n = rng.range(0, 4);
    let last_was_converter = false;
    for (let i = 0; i < n; i++) {
      // One converter per segment, as Django's examples do ("<int:year>/<slug:slug>/").
      if (rng.chance(0.5) && !last_was_converter) {
        segments.push(`<${rng.chance(0.9) ? rng.pick(CONVERTERS) + ":" : ""}${rng.chance(0.95) ? random_name(rng, 5) : random_text(rng, 4)}>`);
        last_was_converter = true;
      } else {
        segments.push(rng.chance(0.9) ? random_name(rng, 6) : random_text(rng, 6));
        last_was_converter = false;
      }
    }
    let route = segments.join("/") + (rng.chance(0.7) ? "/" : "");
    if (rng.chance(0.1)) route = mutate(rng, route, { dictionary: ["<", ">", ":", "<int:", " "], max_length: 200 });
    const children = depth < 2 && rng.chance(0.2) ? Array.from({ length: rng.range(1, 4) }, () => random_route(rng, depth + 1)) : undefined;
    return { kind: "path", route, name, children };
  }
  let regex = (rng.chance(0.8) ? "^" : "") + Array.from({ length: rng.range(0, 4) }, () => rng.pick(REGEX_PIECES.slice(3, 13))).join("") + (rng.chance(0.7) ? "$" : "");
  if (rng.chance(0.15)) regex += rng.pick(REGEX_PIECES.slice(13));
  return { kind: "re_path", route: regex, name };
}

function random_path(rng: Rng, routes: Route[]): string {
  if (rng.chance(0.6) && routes.length) {
    // Fill a route in: converters become values that match, or nearly match.
    const route = rng.pick(routes);
    const filled = route.route.replace(/<[^>]*>|\(\?P<\w+>[^)]*\)|\\d\{2\}|\[\^\/\]\+|\\w\+/g, () => rng.pick(["2024", "a-slug", "12", "x", "0", "12345678-1234-5678-1234-567812345678", "a/b/c", "%C3%A9", "\u00e9", random_text(rng, 6)]));
    return filled.replace(/[\^$]|\\Z/g, "") + (route.children?.length ? random_path(rng, route.children) : "");
  }
  return "/" + Array.from({ length: rng.range(0, 5) }, () => (rng.chance(0.8) ? random_name(rng) : random_text(rng, 8))).join("/");
}

const view = () => null;

function build(routes: Route[]): unknown[] {
  return routes.map((r) => {
    const options = r.name ? { name: r.name } : {};
    if (r.children) return path(r.route, include(build(r.children)), options);
    return r.kind === "path" ? path(r.route, view, options) : re_path(r.route, view, options);
  });
}

export const urls = define_target<Input>({
  name: "urls",
  parser: "request path → URLResolver.resolve (path converters, re_path, include); reverse()",
  size_limit: URL_PATH_LIMIT,
  unit: "chars",
  limit_note: "the path: 8,000 (a scenario request target); a route's own regex is project code",
  errors: [Resolver404, NoReverseMatch, ImproperlyConfigured, py.TypeError, py.ValueError],
  setup() {
    settings.configure({ SECRET_KEY: "fuzz", ROOT_URLCONF: null });
  },
  generate(rng) {
    const routes = Array.from({ length: rng.range(0, 8) }, () => random_route(rng, 0));
    const args = Array.from({ length: rng.range(0, 3) }, () => rng.pick(["1", "2024", "a-b", "x/y", "", "\u00e9", random_text(rng, 5)]));
    const kwargs = rng.chance(0.4) ? { [random_name(rng, 5)]: rng.pick(["1", "slug", ""]) } : {};
    return { routes, path: rng.chance(0.9) ? random_path(rng, routes) : mutate(rng, random_path(rng, routes), { max_length: 2000 }), reverse: { name: rng.chance(0.7) && routes.length ? rng.pick(routes).name : random_name(rng, 4), args: rng.chance(0.5) ? args : [], kwargs } };
  },
  stress(rng, size) {
    const input = this.generate(rng);
    input.routes.push({ kind: "path", route: "<slug:a>-<int:b>/", name: "s" }, { kind: "path", route: "a/<path:rest>", name: "p" }, { kind: "re_path", route: "^(?P<y>[0-9]{4})/(?P<s>[-\\w]+)/$", name: "r" });
    input.path = "/" + repeat_to(rng, size - 1, ["a/", "a-", "1", "-", "/", "%C3%A9", "\u00e9", "a", "2024/", "a-b-"]);
    return input;
  },
  size_of: (input) => input.path.length,
  run(input) {
    const resolver = new URLResolver(new RegexPattern("^/"), build(input.routes) as never);
    let n = 0;
    try {
      n += String(resolver.resolve(input.path).route).length;
    } catch (e) {
      if (!(e instanceof Resolver404)) throw e;
    }
    return n + resolver.reverse(input.reverse.name, input.reverse.args, input.reverse.kwargs).length;
  },
  describe: (input) => preview(input, 400),
});
