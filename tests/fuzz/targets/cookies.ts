/**
 * Fuzz target: a Cookie header → Django's parse_cookie, and a Cookie / Set-Cookie header →
 * SimpleCookie.load (Python's http.cookies parser, all-or-nothing) → output().
 */
import { CookieError, SimpleCookie, parse_cookie } from "../../../src/frameworks/django/http/cookie";
import { repeat_to } from "../mutate";
import { define_target, preview } from "../target";
import { random_cookie_header, REQUEST_LINE_LIMIT } from "./http-messages";

export const cookies = define_target<string>({
  name: "cookies",
  parser: "Cookie header → parse_cookie; SimpleCookie.load → Morsels → output()",
  size_limit: REQUEST_LINE_LIMIT,
  unit: "chars",
  limit_note: "one header line: 65,536 (wsgiref's line limit)",
  errors: [CookieError],
  generate: (rng) => random_cookie_header(rng),
  stress: (rng, size) => repeat_to(rng, size, ["=", '"', "\\", "a=b;", ";", " ", "a", '"\\\\', "\\012", "$x=1;", "a=\"", "expires=Wed, 09 Jun 2021 10:18:14 GMT;", "\u00e9"], rng.pick(["", "a=", 'a="', "x=1; "]), rng.pick(["", '"', "\\", ";"])),
  size_of: (s) => s.length,
  run(header) {
    const n = Object.keys(parse_cookie(header)).length;
    const cookie = new SimpleCookie();
    cookie.load(header);
    return n + cookie.output().length;
  },
  describe: (s) => preview(s, 300),
});
