/**
 * django.shortcuts: the helpers views call most — a template name and a dict → an HttpResponse
 * (`render`), a URL name / model / URL → a redirect (`redirect`, via `resolve_url`).
 *
 *   return render(request, "blog/post_list.html", { posts });        // 200, text/html
 *   return redirect("blog:post_detail", post.pk);                     // 302 to reverse(...)
 *   return redirect(post, { permanent: true });                       // 301 to post.get_absolute_url()
 */
import { ValueError } from "../python/builtins";
import { Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect } from "./http/response";
import { render_to_string } from "./template/loader";
import { reverse } from "./urls/base";
import { NoReverseMatch } from "./urls/exceptions";

/** `render(request, template_name, context=None, content_type=None, status=None, using=None)` */
export function render(
  request: unknown,
  template_name: string | string[],
  context: Record<string, unknown> | null = null,
  options: { content_type?: string; status?: number; using?: string } = {},
): HttpResponse {
  const content = render_to_string(template_name, context, request, { using: options.using });
  return new HttpResponse(content, { content_type: options.content_type, status: options.status });
}

type RedirectOptions = { permanent?: boolean; [kwarg: string]: unknown };

function split_options(args: unknown[]): [unknown[], RedirectOptions] {
  const last = args[args.length - 1];
  if (args.length && last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype)
    return [args.slice(0, -1), last as RedirectOptions];
  return [args, {}];
}

/**
 * `resolve_url(to, *args, **kwargs)`: a model (its `get_absolute_url()`), a URL pattern name
 * (reversed with the arguments; keyword arguments in a trailing object), or a URL as it is.
 */
export function resolve_url(to: unknown, ...rest: unknown[]): string {
  const [args, kwargs] = split_options(rest);
  const model = to as { get_absolute_url?: () => string } | null;
  if (model && typeof model === "object" && typeof model.get_absolute_url === "function") return model.get_absolute_url();
  const text = String(to);
  if (typeof to === "string" && (to.startsWith("./") || to.startsWith("../"))) return to;
  try {
    return reverse(to as string, { args, kwargs } as Parameters<typeof reverse>[1]);
  } catch (e) {
    if (!(e instanceof NoReverseMatch)) throw e;
    if (typeof to === "function") throw e;
    if (!text.includes("/") && !text.includes(".")) throw e;
  }
  return text;
}

/** `redirect(to, *args, permanent=False, **kwargs)`: 302 (or 301) to `resolve_url(to, …)`. */
export function redirect(to: unknown, ...rest: unknown[]): HttpResponseRedirect | HttpResponsePermanentRedirect {
  const [args, options] = split_options(rest);
  const { permanent = false, ...kwargs } = options;
  const cls = permanent ? HttpResponsePermanentRedirect : HttpResponseRedirect;
  const url = Object.keys(kwargs).length ? resolve_url(to, ...args, kwargs) : resolve_url(to, ...args);
  return new cls(url);
}

/** A model class, its manager, or a QuerySet: what get_object_or_404 accepts (Django's `_get_queryset`). */
type QuerySetSource = { objects?: { all(): any }; all?: () => any; model?: any; get?: (...a: any[]) => any };

function get_queryset(klass: QuerySetSource): any {
  if (klass && typeof (klass as { objects?: unknown }).objects === "object" && (klass as { _meta?: unknown })._meta) return (klass as { objects: { all(): any } }).objects.all();
  if (klass && typeof klass.all === "function") return klass.all();
  const name = typeof klass === "function" ? (klass as { name: string }).name : (klass as object)?.constructor?.name;
  throw new ValueError(`First argument to get_object_or_404() must be a Model, Manager, or QuerySet, not '${name}'.`);
}

/**
 * `get_object_or_404(klass, **kwargs)` → `klass.objects.get(**kwargs)`, with DoesNotExist turned
 * into Http404("No Post matches the given query.").
 *
 *   const post = get_object_or_404(Post, { pk });
 */
export function get_object_or_404<T = any>(klass: QuerySetSource, kwargs: Record<string, unknown> = {}): T {
  const queryset = get_queryset(klass);
  try {
    return queryset.get(kwargs);
  } catch (e) {
    if (e instanceof queryset.model.DoesNotExist) throw new Http404(`No ${queryset.model._meta.object_name} matches the given query.`);
    throw e;
  }
}

/** `get_list_or_404(klass, **kwargs)` → the filtered list, or Http404 when it is empty. */
export function get_list_or_404<T = any>(klass: QuerySetSource, kwargs: Record<string, unknown> = {}): T[] {
  const queryset = get_queryset(klass);
  const objects = [...queryset.filter(kwargs)];
  if (!objects.length) throw new Http404(`No ${queryset.model._meta.object_name} matches the given query.`);
  return objects;
}
