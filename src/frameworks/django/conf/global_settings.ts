/**
 * django.conf.global_settings: the default value of every setting Django reads.
 *
 * The project's settings module is laid over these (conf/index.ts). Only settings some module of
 * ours reads are listed; each keeps Django's default.
 */

export const DEBUG = false;
export const DEBUG_PROPAGATE_EXCEPTIONS = false;
export const ADMINS: [string, string][] = [];
export const INTERNAL_IPS: string[] = [];
export const ALLOWED_HOSTS: string[] = [];
export const TIME_ZONE = "America/Chicago";
export const USE_TZ = true;
export const LANGUAGE_CODE = "en-us";
export const USE_I18N = true;
export const DEFAULT_CHARSET = "utf-8";
export const SERVER_EMAIL = "root@localhost";
export const DATABASES: Record<string, Record<string, unknown>> = {};
export const INSTALLED_APPS: string[] = [];
export const TEMPLATES: Record<string, unknown>[] = [];
export const FORM_RENDERER = "django.forms.renderers.DjangoTemplates";
export const DEFAULT_FROM_EMAIL = "webmaster@localhost";
export const EMAIL_SUBJECT_PREFIX = "[Django] ";
export const MANAGERS: [string, string][] = ADMINS;
export const EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend";
export const EMAIL_HOST = "localhost";
export const EMAIL_PORT = 25;
export const EMAIL_USE_LOCALTIME = false;
export const EMAIL_HOST_USER = "";
export const EMAIL_HOST_PASSWORD = "";
export const EMAIL_USE_TLS = false;
export const EMAIL_USE_SSL = false;
export const EMAIL_SSL_CERTFILE: string | null = null;
export const EMAIL_SSL_KEYFILE: string | null = null;
export const EMAIL_TIMEOUT: number | null = null;
export const APPEND_SLASH = true;
export const PREPEND_WWW = false;
export const FORCE_SCRIPT_NAME: string | null = null;
export const DISALLOWED_USER_AGENTS: RegExp[] = [];
export const ABSOLUTE_URL_OVERRIDES: Record<string, unknown> = {};
export const IGNORABLE_404_URLS: RegExp[] = [];
export const SECRET_KEY = "";
export const SECRET_KEY_FALLBACKS: string[] = [];
export const DEFAULT_FILE_STORAGE = "django.core.files.storage.FileSystemStorage";
export const MEDIA_ROOT = "";
export const MEDIA_URL = "";
export const STATIC_ROOT: string | null = null;
export const STATIC_URL: string | null = null;
export const FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440; // 2.5 MB
export const DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440; // 2.5 MB
export const DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000;
export const DATA_UPLOAD_MAX_NUMBER_FILES = 100;
export const FILE_UPLOAD_PERMISSIONS = 0o644;
export const DATE_FORMAT = "N j, Y";
export const DATETIME_FORMAT = "N j, Y, P";
export const TIME_FORMAT = "P";
export const YEAR_MONTH_FORMAT = "F Y";
export const MONTH_DAY_FORMAT = "F j";
export const SHORT_DATE_FORMAT = "m/d/Y";
export const SHORT_DATETIME_FORMAT = "m/d/Y P";
export const FIRST_DAY_OF_WEEK = 0;
export const DECIMAL_SEPARATOR = ".";
export const USE_THOUSAND_SEPARATOR = false;
export const NUMBER_GROUPING = 0;
export const THOUSAND_SEPARATOR = ",";
export const DEFAULT_TABLESPACE = "";
export const DEFAULT_INDEX_TABLESPACE = "";
export const DEFAULT_AUTO_FIELD = "django.db.models.AutoField";
export const X_FRAME_OPTIONS = "DENY";
export const USE_X_FORWARDED_HOST = false;
export const USE_X_FORWARDED_PORT = false;
export const WSGI_APPLICATION: string | null = null;
export const SECURE_PROXY_SSL_HEADER: [string, string] | null = null;
export const MIDDLEWARE: string[] = [];
export const ROOT_URLCONF: string | undefined = undefined;

// System checks: the ids whose messages `manage.py check` leaves out ("models.W042").
export const SILENCED_SYSTEM_CHECKS: string[] = [];

// Sessions
export const SESSION_CACHE_ALIAS = "default";
export const SESSION_COOKIE_NAME = "sessionid";
export const SESSION_COOKIE_AGE = 60 * 60 * 24 * 7 * 2;
export const SESSION_COOKIE_DOMAIN: string | null = null;
export const SESSION_COOKIE_SECURE = false;
export const SESSION_COOKIE_PATH = "/";
export const SESSION_COOKIE_HTTPONLY = true;
export const SESSION_COOKIE_SAMESITE: string | false = "Lax";
export const SESSION_SAVE_EVERY_REQUEST = false;
export const SESSION_EXPIRE_AT_BROWSER_CLOSE = false;
export const SESSION_ENGINE = "django.contrib.sessions.backends.db";
export const SESSION_FILE_PATH: string | null = null;
export const SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer";

// Auth
export const AUTH_USER_MODEL = "auth.User";
export const AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"];
export const LOGIN_URL = "/accounts/login/";
export const LOGIN_REDIRECT_URL = "/accounts/profile/";
export const LOGOUT_REDIRECT_URL: string | null = null;
export const PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3;
export const PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"];
export const AUTH_PASSWORD_VALIDATORS: Record<string, unknown>[] = [];

// Signing
export const SIGNING_BACKEND = "django.core.signing.TimestampSigner";
/** Django 5.2.17: signed cookies written under the older `key + salt` salt still verify. */
export const SIGNED_COOKIE_LEGACY_SALT_FALLBACK = true;

// CSRF
export const CSRF_FAILURE_VIEW = "django.views.csrf.csrf_failure";
export const CSRF_COOKIE_NAME = "csrftoken";
export const CSRF_COOKIE_AGE = 60 * 60 * 24 * 7 * 52;
export const CSRF_COOKIE_DOMAIN: string | null = null;
export const CSRF_COOKIE_PATH = "/";
export const CSRF_COOKIE_SECURE = false;
export const CSRF_COOKIE_HTTPONLY = false;
export const CSRF_COOKIE_SAMESITE: string | false = "Lax";
export const CSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN";
export const CSRF_TRUSTED_ORIGINS: string[] = [];
export const CSRF_USE_SESSIONS = false;

// Messages
export const MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage";

// Logging / testing
export const LOGGING_CONFIG = "logging.config.dictConfig";
export const LOGGING: Record<string, unknown> = {};
export const DEFAULT_EXCEPTION_REPORTER = "django.views.debug.ExceptionReporter";
export const DEFAULT_EXCEPTION_REPORTER_FILTER = "django.views.debug.SafeExceptionReporterFilter";
export const TEST_RUNNER = "django.test.runner.DiscoverRunner";

// Security middleware
export const SECURE_CONTENT_TYPE_NOSNIFF = true;
export const SECURE_CROSS_ORIGIN_OPENER_POLICY: string | null = "same-origin";
export const SECURE_HSTS_INCLUDE_SUBDOMAINS = false;
export const SECURE_HSTS_PRELOAD = false;
export const SECURE_HSTS_SECONDS = 0;
export const SECURE_REDIRECT_EXEMPT: string[] = [];
export const SECURE_REFERRER_POLICY: string | string[] | null = "same-origin";
export const SECURE_SSL_HOST: string | null = null;
export const SECURE_SSL_REDIRECT = false;
