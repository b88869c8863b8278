import { HttpResponseForbidden } from "django/http";

export class TimingHeaderMiddleware {
  get_response;

  constructor(get_response) {
    this.get_response = get_response;
  }

  __call__(request) {
    request.started = Date.now() / 1000;
    const response = this.get_response(request);
    response.headers.set("X-Visits", String(request.session.get("visits", 0)));
    return response;
  }

  process_view(request, view_func, view_args, view_kwargs) {
    if (view_func.name === "blocked") return new HttpResponseForbidden("Blocked by middleware.");
    return null;
  }
}

export function visit_counter(get_response) {
  return function middleware(request) {
    request.session.set("visits", request.session.get("visits", 0) + 1);
    return get_response(request);
  };
}
