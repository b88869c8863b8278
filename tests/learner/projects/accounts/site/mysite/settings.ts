// mysite/settings.ts — "Using the views" of the authentication topic guide: django.contrib.auth.urls
// under accounts/, the admin's registration templates, mail kept by the locmem backend (mail.outbox).
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-learner-accounts";
export const ALLOWED_HOSTS = ["localhost"];
export const INSTALLED_APPS = [
  "members",
  "django.contrib.admin",
  "django.contrib.auth",
  "django.contrib.contenttypes",
  "django.contrib.sessions",
  "django.contrib.messages",
];
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.contrib.sessions.middleware.SessionMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.csrf.CsrfViewMiddleware",
  "django.contrib.auth.middleware.AuthenticationMiddleware",
  "django.contrib.messages.middleware.MessageMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];
export const ROOT_URLCONF = "mysite.urls";
export const TEMPLATES = [
  {
    BACKEND: "django.template.backends.django.DjangoTemplates",
    DIRS: [],
    APP_DIRS: true,
    OPTIONS: {
      context_processors: [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
      ],
    },
  },
];
export const PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"];
export const AUTH_PASSWORD_VALIDATORS = [
  { NAME: "django.contrib.auth.password_validation.UserAttributeSimilarityValidator" },
  { NAME: "django.contrib.auth.password_validation.MinimumLengthValidator" },
  { NAME: "django.contrib.auth.password_validation.NumericPasswordValidator" },
];
export const LOGIN_REDIRECT_URL = "/";
export const EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend";
export const DEFAULT_FROM_EMAIL = "webmaster@localhost";
export const LANGUAGE_CODE = "en-us";
export const TIME_ZONE = "UTC";
export const USE_I18N = true;
export const USE_TZ = true;
export const STATIC_URL = "static/";
export const DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField";
