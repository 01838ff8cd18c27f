# Two commands do all set-up: `make run` (demo on SQLite, tasks in-process) and `make test`.
# `make run` starts the web server and the scheduler (manage.py run_scheduler) together under
# honcho (Procfile.embedded); the scheduler's first tick assembles the demo's past weeks.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded set-up: SQLite, tasks in-process, debug on, whatever the shell exports.
# WAGTAILADMIN_BASE_URL: setup_cchc gives the Wagtail Site this address (canonical links).
RUN_ENV := env -u DATABASE_URL -u CELERY_BROKER_URL -u CACHE_URL DJANGO_DEBUG=1 \
	WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT)
TEST_ENV := DJANGO_SETTINGS_MODULE=portal.settings_test

.PHONY: venv lock audit system-deps run up demo-up test bench bench-inprocess drills lint check plugin-check messages guide-screenshots clean

# The virtual environment is the lock: requirements-dev.txt, every package (pip itself too)
# pinned with its hashes; pip refuses anything else. requirements*.in are what we ask for.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	scripts/install_locked_pip.sh $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# Recompiles the locks from requirements.in and requirements-dev.in (pip-tools), keeping every
# pin that still fits; LOCK_ARGS="--upgrade-package X" (or --upgrade) moves pins. Then `make venv`.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(PY) -m piptools compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: venv
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file requirements-dev.txt requirements-dev.in

# pip-audit against both locks (scripts/audit.py): fails on a known vulnerability that a newer
# release fixes; exit 3 when the vulnerability database cannot be reached (0 with
# AUDIT_OFFLINE_OK=1, as CI sets on a machine without internet, the warning still printed).
audit: venv
	$(PY) scripts/audit.py

# Debian packages for the PDF (Pango, fonts) and the browser tests (Chromium).
system-deps:
	scripts/system-deps.sh

run: system-deps venv
	@echo "Setting up the database and the demo (a minute on the first run)..."
	@mkdir -p var/run
	@$(RUN_ENV) LOG_LEVEL=WARNING $(PY) manage.py migrate --noinput -v 0
	@# Its warnings go to a file too, shown only if it fails: the logins stay in sight.
	@$(RUN_ENV) LOG_LEVEL=WARNING $(PY) manage.py seed_demo > var/run/demo-logins.txt 2> var/run/demo-setup.log || { cat var/run/demo-setup.log; exit 1; }
	@# The first tick catches up (past weeks' bulletins, reminders mailed to the console) into a
	@# file, its warnings too (the demo has no central feed: each bulletin's delivery is
	@# skipped): the logins and the addresses are then the last lines before the servers' own.
	@$(RUN_ENV) LOG_LEVEL=WARNING $(PY) manage.py run_scheduler --once > var/run/first-tick.log 2>&1 || { cat var/run/first-tick.log; exit 1; }
	@cat var/run/demo-logins.txt
	@echo "The first tick (bulletins of past weeks, reminders by e-mail): var/run/first-tick.log"
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "The scheduler ticks every minute: scheduled items go live, missed weeks get their bulletin."
	@echo "Ctrl-C stops the web server and the scheduler."
	@$(RUN_ENV) PYTHONUNBUFFERED=1 CCHC_PYTHON=$(PY) CCHC_ADDRESS=$(HOST):$(PORT) \
		$(VENV)/bin/honcho --env /dev/null -f Procfile.embedded start

# The production stack on this machine: PostgreSQL and Redis (the machine's servers), gunicorn,
# a Celery worker and beat under honcho (Procfile), DJANGO_DEBUG=0; settings from .env, written
# on the first run, under whatever the environment sets (scripts/up.py; README, "Production
# set-up"). `make demo-up` loads the demo data too. The recipe runs scripts/up.py without a
# shell and it execs honcho: SIGTERM to make reaches honcho, which stops every process.
up: system-deps venv
	$(PY) scripts/up.py

demo-up: system-deps venv
	$(PY) scripts/up.py --demo

lint: venv
	$(PY) -m ruff check .

check: venv
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

# The suite in PYTEST_WORKERS processes (pytest-xdist; "auto": one per core, 0: this one only),
# each with a test database of its own: a run alone leaves a core idle while it waits on the
# database, the browser or the worker.
PYTEST_WORKERS ?= auto
test: system-deps lint check
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The apps as a plugin of any Wagtail site: builds the wheel, installs it into a new virtual
# environment and a `wagtail start` project configured as the README says, runs setup_cchc and
# saves a draft news item through the admin (scripts/check_plugin_install.sh; about 2 minutes).
plugin-check: venv
	BUILD_PYTHON=$(abspath $(PY)) scripts/check_plugin_install.sh

# The pages under load against two anchors built in the same run (a trivial Django view, a
# fresh `wagtail start` site), all under gunicorn and driven by wrk, plus in-process timings of
# assembly, the PDF and the workflow (bench/web, issue 17); writes bench/results.md. PostgreSQL
# (BENCH_DATABASE_URL, dropped and recreated) and Redis (BENCH_CACHE_URL, flushed) when reachable,
# else SQLite. BENCH_ARGS="--quick", "--sqlite", "--items 1000 --rounds 1 --duration 4".
bench: system-deps venv
	$(PY) -m bench.web $(BENCH_ARGS)

# Timings and query counts of the public pages, search, feeds, assembly and PDF through Django's
# test client on a scratch database (SQLite; BENCH_DATABASE_URL=postgres://... for PostgreSQL);
# see bench/run.py. BENCH_INPROCESS_ARGS="--items 1000 --repeat 50".
bench-inprocess: venv
	$(PY) bench/run.py $(BENCH_INPROCESS_ARGS)

# Fault drills against a real local stack of their own (a PostgreSQL database on the server of
# DRILLS_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; redis-server on a free
# port; Celery worker and beat; gunicorn; a signature-verifying receiver; an SMTP sink); prints
# the table and writes bench/drills.md. DRILLS_ARGS="--only feed_down,worker_kill --short".
drills: venv
	$(PY) -m bench.drills $(DRILLS_ARGS)

# The user guide's screenshots (cchc_news/static/cchc_news/guide/), taken again by the browser
# tests as each role sees the screens today; commit them when the screens change.
guide-screenshots: system-deps venv
	CCHC_GUIDE_SCREENSHOTS=update $(PY) -m pytest tests/e2e/test_user_guide.py -q

# Regenerate the Vietnamese catalogues and compile them (needs GNU gettext); the
# compiled .mo files are committed so that a fresh clone runs without gettext.
# wagtail_vi's catalogues (the Wagtail admin in Vietnamese) are rebuilt from Wagtail's msgids by
# scripts/wagtail_vi_catalogue.py, not by makemessages; compilemessages compiles them with the rest.
MAKEMESSAGES := $(TEST_ENV) ../$(PY) ../manage.py makemessages -l vi --no-obsolete
messages: venv
	for app in cchc_news workflows bulletin participation subscriptions; do (cd $$app && $(MAKEMESSAGES)); done
	$(TEST_ENV) $(PY) manage.py makemessages -l vi --no-obsolete --ignore=.venv \
		--ignore=cchc_news --ignore=workflows --ignore=bulletin --ignore=participation \
		--ignore=subscriptions --ignore=tests --ignore=wagtail_vi --ignore=bench --ignore=scripts
	$(TEST_ENV) $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles test-artifacts var
