import { template } from "django";
import { format_html } from "django/utils/html";

export const register = new template.Library();

// Python: @register.filter
register.filter(function shout(value) {
  return String(value).toUpperCase() + "!";
});

// Python: @register.filter(name="times")
register.filter("times", function times(value, arg) {
  return value * Number(arg);
});

// Python: @register.simple_tag def greet(name, greeting="Hello", punctuation=".")
register.simple_tag(function greet(name, greeting = "Hello", punctuation = ".") {
  return `${greeting}, ${name}${punctuation}`;
});

register.simple_tag(function visitor(context) {
  return context.get("who");
}, { takes_context: true });

register.simple_tag(function badge(label, color = "grey") {
  return format_html('<span class="badge {}">{}</span>', color, label);
});

register.inclusion_tag("blog/menu.html")(function menu(items, active = null) {
  return { items, active };
});
