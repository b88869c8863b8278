/**
 * django.utils.translation: messages → their translation in the active language.
 *
 *   from django.utils.translation import gettext_lazy as _      →  import { gettext_lazy as _ } from "django/utils/translation";
 *   verbose_name = _("date published")                            verbose_name: _("date published")
 *   ngettext("%(n)d result", "%(n)d results", n)                  ngettext("%(n)d result", "%(n)d results", n)
 *
 * The lab ships no message catalogs: the active language is settings.LANGUAGE_CODE and every message
 * is its own translation, as in a Django project whose LANGUAGE_CODE is "en-us" (the tutorial's).
 * What stays is the part a learner sees: the functions, plural selection by count (English: one
 * form for 1, the other for everything else), `activate`/`override` and the language code.
 * `gettext_lazy` returns the string itself: with no catalog, the lazy and eager forms print the same.
 */
import { settings } from "../conf";

let active: string | null = null;

function language_code(): string {
  try {
    return String(settings.LANGUAGE_CODE ?? "en-us");
  } catch {
    return "en-us";
  }
}

/** The language of the current thread (`activate()`d, else settings.LANGUAGE_CODE). */
export function get_language(): string {
  return active ?? language_code();
}

/** Right-to-left? Only for Arabic, Persian, Hebrew, Urdu…; the lab's languages read left to right. */
export function get_language_bidi(): boolean {
  const base = get_language().split("-")[0];
  return ["he", "ar", "ar-dz", "ckb", "fa", "ug", "ur"].includes(base);
}

export function activate(language: string): void {
  active = language;
}

export function deactivate(): void {
  active = null;
}

/** `with translation.override("de"):` → `override("de", () => …)`. */
export function override<T>(language: string | null, fn: () => T): T {
  const previous = active;
  active = language;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

export function gettext(message: string): string {
  return message;
}

/** Mark a string for translation without translating it (it is translated where it is used). */
export function gettext_noop(message: string): string {
  return message;
}

/** Singular for exactly 1, plural otherwise (the English plural rule). */
export function ngettext(singular: string, plural: string, number: number): string {
  return Number(number) === 1 ? singular : plural;
}

export function pgettext(_context: string, message: string): string {
  return message;
}

export function npgettext(_context: string, singular: string, plural: string, number: number): string {
  return ngettext(singular, plural, number);
}

export const gettext_lazy = gettext;
export const ngettext_lazy = ngettext;
export const pgettext_lazy = pgettext;
export const npgettext_lazy = npgettext;

/** Django's `trim_whitespace`: the text stripped, every run of whitespace around a newline → one space. */
export function trim_whitespace(s: string): string {
  return s.trim().replace(/\s*\n\s*/g, " ");
}
