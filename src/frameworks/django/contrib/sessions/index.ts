/**
 * django.contrib.sessions: per-visitor data kept between requests, keyed by a cookie.
 * `request.session` (SessionMiddleware) is a SessionStore from SESSION_ENGINE: backends/db
 * (the `django_session` table, the default) or backends/signed_cookies.
 */
export {};
