// project/settings.ts — as startproject writes it, trimmed.
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-learner-messages";
export const ALLOWED_HOSTS = ["localhost"];
export const INSTALLED_APPS = [
  "board",
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
export const ROOT_URLCONF = "project.urls";
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
export const LANGUAGE_CODE = "en-us";
export const TIME_ZONE = "UTC";
export const USE_I18N = true;
export const USE_TZ = true;
export const STATIC_URL = "static/";
export const DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField";

import * as messages from "django/contrib/messages/constants";

export const MESSAGE_TAGS = { [messages.ERROR]: "danger", 50: "critical" };
