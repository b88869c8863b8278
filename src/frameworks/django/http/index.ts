/**
 * django.http: what `from django.http import …` offers — the request and response classes,
 * QueryDict, cookies parsing, and the exceptions views raise (Http404) or meet (BadHeaderError,
 * UnreadablePostError, RawPostDataException).
 */
export { parse_cookie, SimpleCookie, Morsel, CookieError } from "./cookie";
export {
  BadHeaderError,
  FileResponse,
  Http404,
  HttpResponse,
  HttpResponseBadRequest,
  HttpResponseBase,
  HttpResponseForbidden,
  HttpResponseGone,
  HttpResponseNotAllowed,
  HttpResponseNotFound,
  HttpResponseNotModified,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  HttpResponseRedirectBase,
  HttpResponseServerError,
  JsonResponse,
  ResponseHeaders,
  StreamingHttpResponse,
} from "./response";
export { HttpHeaders, HttpRequest, QueryDict, RawPostDataException, UnreadablePostError } from "./request";
export { MultiPartParser, MultiPartParserError } from "./multipartparser";
