/** Fuzz target: a query string (or urlencoded body) → QueryDict (parse_qsl), then lists() and urlencode(). */
import { settings } from "../../../src/frameworks/django/conf";
import { TooManyFieldsSent } from "../../../src/frameworks/django/core/exceptions";
import { QueryDict } from "../../../src/frameworks/django/http/request";
import * as py from "../../../src/frameworks/python/builtins";
import { mutate, repeat_to } from "../mutate";
import { type Rng } from "../prng";
import { define_target, preview } from "../target";
import { BODY_LIMIT, random_query } from "./http-messages";

type Input = { text: string; bytes: boolean; encoding: string | null };

export const querydict = define_target<Input>({
  name: "querydict",
  parser: "query string / urlencoded body → QueryDict → lists(), urlencode()",
  size_limit: BODY_LIMIT,
  unit: "chars",
  limit_note: "a urlencoded POST body: DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB); DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000) pairs, TooManyFieldsSent past it",
  // An encoding Python does not know is LookupError; urlencode() in an encoding that cannot hold a
  // character is UnicodeEncodeError (Django's request sets only encodings codecs.lookup accepts).
  errors: [TooManyFieldsSent, py.LookupError, py.UnicodeEncodeError],
  setup() {
    settings.configure({ SECRET_KEY: "fuzz" });
  },
  generate(rng: Rng) {
    const text = rng.chance(0.8) ? random_query(rng) : mutate(rng, "a=1&b=%C3%A9&c=x+y&a=2&=&d&e=%ZZ", { dictionary: ["%", "&", "=", "+", "%FF"], max_length: 4000 });
    return { text, bytes: rng.chance(0.3), encoding: rng.pick([null, null, "utf-8", "latin-1", "ascii", "bogus"]) };
  },
  stress(rng: Rng, size: number) {
    return { text: repeat_to(rng, size, ["a", "%", "%C3%A9", "%FF", "+", "=", "%E2%82", "\u00e9", "%2", "a=b", "x"]), bytes: rng.chance(0.3), encoding: null };
  },
  size_of: (input) => input.text.length,
  run(input) {
    const source = input.bytes ? new TextEncoder().encode(input.text) : input.text;
    const q = new QueryDict(source, { encoding: input.encoding ?? undefined });
    return q.lists().length + q.urlencode().length;
  },
  describe: (input) => preview(input, 300),
});
