from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def shout(value):
    return str(value).upper() + "!"


@register.filter(name="times")
def times(value, arg):
    return value * int(arg)


@register.simple_tag
def greet(name, greeting="Hello", punctuation="."):
    return f"{greeting}, {name}{punctuation}"


@register.simple_tag(takes_context=True)
def visitor(context):
    return context["who"]


@register.simple_tag
def badge(label, color="grey"):
    return format_html('<span class="badge {}">{}</span>', color, label)


@register.inclusion_tag("blog/menu.html")
def menu(items, active=None):
    return {"items": items, "active": active}
