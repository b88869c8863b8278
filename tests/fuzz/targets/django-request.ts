/**
 * Fuzz target: an HTTP request message → environ → Django's WSGIRequest, then everything a view
 * reads from it: GET (QueryDict), COOKIES (parse_cookie), POST and FILES (urlencoded or
 * multipart), META, headers, get_host() against ALLOWED_HOSTS, get_full_path(), build_absolute_uri().
 */
import { build_environ } from "../../../src/gateway/environ";
import type { HttpRequestMessage } from "../../../src/gateway/wsgi";
import { settings } from "../../../src/frameworks/django/conf";
import { WSGIRequest } from "../../../src/frameworks/django/core/handlers/wsgi";
import { BadRequest, DisallowedHost, RequestDataTooBig, SuspiciousMultipartForm, TooManyFieldsSent, TooManyFilesSent } from "../../../src/frameworks/django/core/exceptions";
import { MultiPartParserError } from "../../../src/frameworks/django/http/multipartparser";
import { RawPostDataException, UnreadablePostError } from "../../../src/frameworks/django/http/request";
import { define_target, preview } from "../target";
import { BODY_LIMIT, message_size, random_message, stress_message } from "./http-messages";

export const django_request = define_target<HttpRequestMessage>({
  name: "django-request",
  parser: "environ → WSGIRequest: GET, COOKIES, POST, FILES, headers, get_host()",
  size_limit: BODY_LIMIT,
  unit: "chars",
  limit_note: "the body: DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB, RequestDataTooBig past it); target and headers 65,536 each",
  errors: [DisallowedHost, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError, SuspiciousMultipartForm, BadRequest, UnreadablePostError, RawPostDataException],
  setup() {
    settings.configure({ SECRET_KEY: "fuzz", DEBUG: false, ALLOWED_HOSTS: ["localhost", "testserver", ".example.com", "[::1]"] });
  },
  generate: (rng) => random_message(rng),
  stress: (rng, size) => stress_message(rng, size),
  size_of: message_size,
  run(message) {
    const request = new WSGIRequest(build_environ(message).environ);
    let n = request.GET.lists().length + Object.keys(request.COOKIES).length + [...request.headers.keys()].length;
    n += request.get_full_path().length + request.path_info.length;
    if (request.method === "POST") n += request.POST.lists().length + [...request.FILES.keys()].length;
    n += request.build_absolute_uri().length; // get_host(): DisallowedHost for a Host not allowed
    return n;
  },
  describe: (m) => preview({ ...m, size: message_size(m) }, 300),
});
