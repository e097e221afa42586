# Revier: `make run` sets everything up and serves the site; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite runs on both cores (pytest-xdist); each worker has its own test database and browser.
PYTEST_ARGS ?= -n 2
export DJANGO_SETTINGS_MODULE := revier.settings
# With DEBUG off the settings need SECRET_KEY and SITE_URL: this checkout's own random key (made once in
# var/secret_key), and the address `make run` serves, so that links in mails lead there.
ifndef SECRET_KEY
SECRET_KEY := $(shell mkdir -p var && (test -s var/secret_key || (umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key)) && cat var/secret_key)
endif
SITE_URL ?= http://127.0.0.1:$(PORT)
export SECRET_KEY SITE_URL

.PHONY: run test install gettext compiled-messages chromium migrate demo static messages lock clean

# The site and, beside it, the background worker (mail outbox, timed tasks); Ctrl+C stops both.
run: install migrate static demo
	@echo "Revier läuft auf http://127.0.0.1:$(PORT)/, Links in Mails zeigen auf $(SITE_URL)/ (Beenden mit Strg+C)"
	@$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT) --nostatic

APPS := $(patsubst revier/%/apps.py,%,$(wildcard revier/*/apps.py))

install: gettext $(BIN)/.deps-installed node_modules/.npm-installed compiled-messages

# Debian packages the project needs and installs itself when missing.
gettext:
	@command -v msgfmt >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null)

$(BIN)/.deps-installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.npm-installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Each app has its own German and English catalogue in revier/<app>/locale/de and locale/en.
compiled-messages: $(BIN)/.deps-installed
	cd revier && ../$(BIN)/python ../manage.py compilemessages --locale de --locale en -v0

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v0

static: install
	$(BIN)/python manage.py collectstatic --no-input -v0

demo: migrate
	$(BIN)/python manage.py load_demo

# Debian's chromium for the browser tests (Playwright drives it; no browser download), Java for the Nu Html Checker.
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@command -v java >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null)

test: install chromium
	mkdir -p var
	STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage $(BIN)/python -m pytest $(PYTEST_ARGS)

# Regenerate the German and English catalogues after changing texts; tests/core/test_translations.py fails
# on missing or fuzzy entries in either (English: msgid is English already, but every entry needs its msgstr).
messages: $(BIN)/.deps-installed
	for app in $(APPS); do (cd revier/$$app && mkdir -p locale && ../../$(BIN)/python ../../manage.py makemessages --locale de --locale en --no-obsolete -v0); done

lock:
	$(BIN)/pip freeze --exclude-editable | grep -v '^pip==' > requirements.lock

clean:
	rm -rf $(VENV) node_modules var

# Benchmark of "Aktuelles" (10,000 articles, PostgreSQL, gunicorn, wrk); see docs/performance.md.
.PHONY: bench
bench:
	bench/news.sh
