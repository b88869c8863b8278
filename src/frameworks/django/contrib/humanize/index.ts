/**
 * django.contrib.humanize: template filters that put a human touch on data — `{% load humanize %}`
 * then `{{ 1234567|intcomma }}` → "1,234,567", `{{ 3|ordinal }}` → "3rd", `{{ 1200000|intword }}`
 * → "1.2 million", `{{ 4|apnumber }}` → "four", `{{ day|naturalday }}` → "yesterday",
 * `{{ posted|naturaltime }}` → "5 minutes ago". The filters live in templatetags/humanize.ts.
 */
export { HumanizeConfig } from "./apps";
