# Two commands set everything up on a fresh Debian 12: `make run` and `make test`.
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test serve lint format bench skala beban deps clean docs-gambar

$(VENV)/.terpasang: requirements.txt requirements-dev.txt .ci/paket-debian
	bash .ci/paket-debian
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import django, weasyprint, pytest_django" # fail here, not later, when an install failed
	touch $@

deps: $(VENV)/.terpasang

# The background worker (LKjIP renders and signing, django-tasks' db_worker) runs beside the server
# and stops with it: started in its own process group (its autoreloader has a child process), and
# stopped with one SIGTERM to that group when the server ends, so a job it is running finishes first.
PEKERJA = setsid $(BIN)/python manage.py db_worker $(1) & pekerja=$$!; \
	trap 'kill -TERM -- -$$pekerja 2>/dev/null; wait $$pekerja 2>/dev/null' EXIT INT TERM;

## make run: install, migrate, load the demo once, serve on http://127.0.0.1:8000 (SQLite) with the
## background worker beside it
run: deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py muat_demo
	@echo ""
	@echo "Buka http://$(HOST):$(PORT)/  (hentikan dengan Ctrl+C; pekerja latar ikut berhenti)"
	@$(call PEKERJA) $(BIN)/python manage.py runserver $(HOST):$(PORT)

## make test: install and run the whole suite (SQLite; .ci/run repeats it on PostgreSQL), the
## browser tests included: Debian's chromium is installed for them if missing; one pytest worker
## per core (pytest-xdist), each with its own test database
test: deps
	bash .ci/paket-debian chromium
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

## make serve: production-style server (gunicorn) and the background worker (manage.py db_worker)
## beside it; set DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL. Under systemd, run the two
## commands as two services instead (README, "Produksi").
serve: deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	@$(call PEKERJA,--no-reload) $(BIN)/gunicorn lkjip.wsgi -b $(HOST):$(PORT) -w $${WEB_CONCURRENCY:-3} --timeout 120

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## make bench: every benchmark in bench/ at 1× (bench/profil.py is a profiler, run by hand)
bench: deps
	@for f in bench/*.py; do case $$f in bench/beban*|bench/profil.py) continue;; esac; echo "== $$f"; $(BIN)/python $$f || exit 1; done

## make skala: the main pages at 60 OPD × 50 and × 500 indicators, and the LKjIP PDF (~4 min; the 1×
## part alone runs in `make bench`). PostgreSQL: DATABASE_URL=postgres://…/an_empty_database
SKALA_ARGS ?= --kali 10 --pdf
skala: deps
	$(BIN)/python bench/skala.py $(SKALA_ARGS)

## make beban: 50 users on gunicorn for 3 minutes (BEBAN_ARGS="--durasi 60"); Locust lives in its own
## venv, never in the app's requirements. PostgreSQL: DATABASE_URL=postgres://…/an_empty_database
BEBAN_VENV := .venv-beban
$(BEBAN_VENV)/.terpasang:
	test -x $(BEBAN_VENV)/bin/python || $(PY) -m venv $(BEBAN_VENV)
	$(BEBAN_VENV)/bin/python -m pip install -q --disable-pip-version-check "locust==2.47.0" 2>&1 | grep -v "is ignored" || true
	$(BEBAN_VENV)/bin/locust --version
	touch $@

beban: deps $(BEBAN_VENV)/.terpasang
	$(BIN)/python bench/beban.py $(BEBAN_ARGS)

clean:
	rm -rf $(VENV) $(BEBAN_VENV) staticfiles .pytest_cache

## make docs-gambar: retake the user guide's screenshots (needs Debian's chromium; installed if missing)
docs-gambar: deps
	bash .ci/paket-debian chromium
	$(BIN)/python docs/tangkap_layar.py
