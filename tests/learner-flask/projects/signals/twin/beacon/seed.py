from contextlib import contextmanager

from flask import appcontext_pushed, g, template_rendered

from . import CAPTURED, COUNT, EVENTS


@contextmanager
def captured_templates(app):
    recorded = []

    def record(sender, template, context, **extra):
        recorded.append((template, context))

    template_rendered.connect(record, app)
    try:
        yield recorded
    finally:
        template_rendered.disconnect(record, app)


@contextmanager
def user_set(app, user):
    def handler(sender, **kwargs):
        g.user = user

    with appcontext_pushed.connected_to(handler, app):
        yield


def seed(app):
    """A test-like run before the requests: what the templates got, and a user set through
    appcontext_pushed, kept for /captured; then the receivers' log is emptied."""
    CAPTURED.clear()
    with captured_templates(app) as templates:
        rv = app.test_client().get("/")
        assert rv.status_code == 200
        assert len(templates) == 1
        template, context = templates[0]
        CAPTURED.append({"template": template.name, "items": context["items"], "version": context["version"], "keys": sorted(context)})
    with user_set(app, "ada"):
        rv = app.test_client().get("/me")
        CAPTURED.append({"me": rv.get_data(as_text=True)})
    CAPTURED.append({"after": app.test_client().get("/me").get_data(as_text=True)})
    EVENTS.clear()
    COUNT[0] = 0
