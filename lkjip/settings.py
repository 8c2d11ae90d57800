"""Settings, all from the environment (healthchecks style): SQLite by default, PostgreSQL by DATABASE_URL.

Development needs no variable at all. Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL; see README "Produksi".
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(nama: str, bawaan: bool) -> bool:
    nilai = os.environ.get(nama)
    if nilai is None:
        return bawaan
    return nilai.strip().lower() in {"1", "true", "yes", "ya", "on"}


def env_list(nama: str, bawaan: str = "") -> list[str]:
    return [x.strip() for x in os.environ.get(nama, bawaan).split(",") if x.strip()]


DEBUG = env_bool("DEBUG", True)

_KUNCI_DEV = "dev-only-not-secret-9f1c3b7e2a"
SECRET_KEY = os.environ.get("SECRET_KEY", _KUNCI_DEV)
if not DEBUG and (SECRET_KEY == _KUNCI_DEV or len(SECRET_KEY) < 50):
    # A guessable key in production lets anyone forge sessions and password-reset links.
    raise ImproperlyConfigured("SECRET_KEY harus diisi (minimal 50 karakter acak) bila DEBUG=0.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address printed in signed reports (QR code, verification URL). Unset in development:
# the address each request came in on (lkjip.situs); unset in production, the admin is warned.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "lkjip",
    "renstra",
    "pelaporan",
    "lkjip.laporan.apps.LaporanConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lkjip.middleware.CspMiddleware",  # see "Content-Security-Policy" below
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lkjip.middleware.KonteksPenggunaMiddleware",
]

ROOT_URLCONF = "lkjip.urls"
WSGI_APPLICATION = "lkjip.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lkjip.context_processors.navigasi",
            ],
            "builtins": ["lkjip.templatetags.format_id"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + IMMEDIATE: two operators saving at once wait for each other instead of failing.
    # Every request is one IMMEDIATE transaction, so requests take turns on the write lock; under
    # a crowd (bench/beban.py, 50 users) sqlite3's 5 s default made the waiting ones fail with
    # "database is locked". A longer wait turns those 500s into slow answers; a pemda with many
    # simultaneous users runs PostgreSQL (README).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "30")),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Every view is one transaction: a request that fails half-way saves nothing.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "lkjip.Pengguna"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Indonesian only. No LocaleMiddleware: a browser asking for en-US must not switch number formats.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")  # per request the pemda's zone is activated
FORMAT_MODULE_PATH = ["lkjip.formats"]
# Off on purpose: on, Django would print years as 2.025 and ids in links as 12.345.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# A year's grid of 200 indicators x 4 quarters is far more than Django's 1000-field default.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Behind nginx/Apache terminating TLS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Background work: LKjIP renders and signing (issue 14, item 5) --------------------------------
# django-tasks (the backport of Django 6's django.tasks) with its database backend: the queue is a
# table in our own database, so a single pemda needs no Redis; `manage.py db_worker` runs the jobs
# in its own process (`make run` and `make serve` start it), and a job waiting in the queue survives
# a restart of the web server or of the worker. Several machines: a broker-backed backend
# (docs/ANTRIAN.md); the code enqueues through the same API. "langsung" runs a job inline, in the
# process that asks for it: LKJIP_RENDER_SINKRON=1 sends renders there (the tests, or a machine where
# no worker can run).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    },
    "langsung": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]},
}
LKJIP_RENDER_SINKRON = env_bool("LKJIP_RENDER_SINKRON", False)
# A finished draft PDF is kept this many days, then its bytes are removed (the row stays, marked
# "kedaluwarsa", and offers a new render). Signed documents are never touched.
LKJIP_DRAF_KEDALUWARSA_HARI = int(os.environ.get("LKJIP_DRAF_KEDALUWARSA_HARI", "7"))
# One render lays its pieces (chapters, portrait/landscape runs) out in this many child processes
# at once; 0 lays them out one after the other inside the rendering process (render.py).
LKJIP_RENDER_PROSES = int(os.environ.get("LKJIP_RENDER_PROSES", "2"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # WeasyPrint warns about every CSS property pygal's SVG style uses that it ignores.
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# Error pages: the CSRF refusal in Indonesian too (lkjip/galat.py; handler400..500 in lkjip/urls.py).
CSRF_FAILURE_VIEW = "lkjip.galat.gagal_csrf"

# --- Login: throttling and temporary lockout (django-axes) ---------------------------------
# Failed logins are counted per account and, separately, per client address; either count
# reaching its limit within MASUK_JEDA_MENIT refuses even the right password until the pause
# has passed since the last failure, or the admin pemda unlocks the account (Pengguna page).
# The address limit is higher: a whole office often reaches us through one NAT address.
from datetime import timedelta as _timedelta  # noqa: E402 - kept inside this block

INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last, as axes requires
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lkjip.masuk.BackendPengguna",
]
MASUK_BATAS_GAGAL_AKUN = int(os.environ.get("MASUK_BATAS_GAGAL_AKUN", "10"))
MASUK_BATAS_GAGAL_ALAMAT = int(os.environ.get("MASUK_BATAS_GAGAL_ALAMAT", "30"))
MASUK_JEDA_MENIT = int(os.environ.get("MASUK_JEDA_MENIT", "15"))
# Behind nginx: the header the proxy sets to the client's address (e.g. HTTP_X_REAL_IP). Unset,
# REMOTE_ADDR is used; a header the client could forge is never read unless named here.
MASUK_HEADER_ALAMAT = os.environ.get("MASUK_HEADER_ALAMAT", "")
AXES_HANDLER = "lkjip.masuk.PenanganPercobaan"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own, not combined
AXES_FAILURE_LIMIT = MASUK_BATAS_GAGAL_AKUN  # the address limit is applied by PenanganPercobaan
AXES_COOLOFF_TIME = _timedelta(minutes=MASUK_JEDA_MENIT)
# Not on success: axes would then also clear the address's and the account's other failures,
# so one valid account would let an attacker reset the count on another.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "lkjip.masuk.alamat_klien"
AXES_LOCKOUT_CALLABLE = "lkjip.masuk.respon_terkunci"
AXES_DISABLE_ACCESS_LOG = True  # successful logins: last_login is enough
AXES_VERBOSE = False
# Axes logs every failure with the name and address masked; lkjip.masuk logs each lockout in full.
LOGGING["loggers"]["axes"] = {"level": "ERROR"}

# --- Content-Security-Policy (issue 12, item 4) -----------------------------------------------------
# Sent on every response by lkjip.middleware.CspMiddleware (Django 6's setting name and shape).
# Nothing runs or styles inline: page behaviour lives in static/js/*.js, colours and widths taken
# from data-* attributes are applied there, htmx runs without eval (templates/base.html), and
# charts are shown as <img> of their SVG. Bootstrap's CSS draws icons as data: images.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
