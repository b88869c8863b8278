import time


class TimingHeaderMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.started = time.time()
        response = self.get_response(request)
        response["X-Visits"] = str(request.session.get("visits", 0))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func.__name__ == "blocked":
            from django.http import HttpResponseForbidden
            return HttpResponseForbidden("Blocked by middleware.")
        return None


def visit_counter(get_response):
    def middleware(request):
        request.session["visits"] = request.session.get("visits", 0) + 1
        return get_response(request)

    return middleware
