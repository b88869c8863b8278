/** Fuzz target: a multipart/form-data body → MultiPartParser.parse() → POST fields and FILES (read back). */
import { settings } from "../../../src/frameworks/django/conf";
import { RequestDataTooBig, SuspiciousMultipartForm, TooManyFieldsSent, TooManyFilesSent } from "../../../src/frameworks/django/core/exceptions";
import { InputStreamExhausted, MultiPartParser, MultiPartParserError } from "../../../src/frameworks/django/http/multipartparser";
import { mutate, repeat_to } from "../mutate";
import { random_text, type Rng } from "../prng";
import { define_target, preview } from "../target";
import { BODY_LIMIT, random_multipart } from "./http-messages";

type Input = { content_type: string; body: Uint8Array; content_length: string | null };

function to_bytes(text: string, rng: Rng): Uint8Array {
  if (rng.chance(0.7)) return new TextEncoder().encode(text);
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff); // raw bytes, not always valid UTF-8
}

export const multipart = define_target<Input>({
  name: "multipart",
  parser: "multipart/form-data body → MultiPartParser.parse() → POST, FILES",
  size_limit: BODY_LIMIT,
  unit: "bytes",
  limit_note: "the body: 2.5 MB (DATA_UPLOAD_MAX_MEMORY_SIZE bounds the field data; 100 files, 1,000 fields)",
  errors: [MultiPartParserError, InputStreamExhausted, TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig, SuspiciousMultipartForm],
  setup() {
    settings.configure({ SECRET_KEY: "fuzz" });
  },
  generate(rng) {
    const boundary = rng.chance(0.9) ? rng.pick(["----b", "x", "boundary", "-", "a b", "\u00e9", "", "=?", "z".repeat(70)]) : random_text(rng, 20);
    let content_type = `multipart/form-data; boundary=${rng.chance(0.8) ? boundary : `"${boundary}"`}`;
    if (rng.chance(0.2)) content_type = mutate(rng, content_type, { dictionary: [";", '"', "charset=utf-8", "boundary="], max_length: 300 });
    return { content_type, body: to_bytes(random_multipart(rng, boundary), rng), content_length: rng.chance(0.9) ? null : rng.pick(["0", "-1", "abc", "3"]) };
  },
  stress(rng, size) {
    const boundary = rng.pick(["----b", "-".repeat(70), "ab".repeat(35), "x"]);
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="f"${rng.chance(0.5) ? '; filename="a.bin"' : ""}\r\n\r\n`;
    const text = repeat_to(rng, size, ["-", "--", `--${boundary.slice(0, -1)}`, "\r\n", "\r", "a", `--${boundary}\r\n\r\n`, "\r\n\r\n", '"', ";"], head, `\r\n--${boundary}--\r\n`);
    return { content_type: `multipart/form-data; boundary=${boundary}`, body: to_bytes(text, rng), content_length: null };
  },
  size_of: (input) => input.body.length,
  run(input) {
    const meta = { CONTENT_TYPE: input.content_type, CONTENT_LENGTH: input.content_length ?? String(input.body.length) };
    let offset = 0;
    const stream = {
      read(size?: number | null): Uint8Array {
        const end = size === null || size === undefined || size < 0 ? input.body.length : Math.min(input.body.length, offset + size);
        const chunk = input.body.subarray(offset, end);
        offset = end;
        return chunk;
      },
    };
    const [post, files] = new MultiPartParser(meta, stream).parse();
    let n = post.lists().length;
    for (const [, list] of files.lists()) for (const f of list as { read(): Uint8Array }[]) n += f.read().length;
    return n;
  },
  describe: (input) => preview({ content_type: input.content_type, body: new TextDecoder().decode(input.body.subarray(0, 400)), length: input.body.length }, 300),
});
