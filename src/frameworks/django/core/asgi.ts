/**
 * django.core.asgi: the entry point an ASGI server imports — `get_asgi_application()` sets Django
 * up and returns the ASGIHandler (core/handlers/asgi.ts), as `asgi.py` in a new project does.
 */
export { get_asgi_application } from "./handlers/asgi";
