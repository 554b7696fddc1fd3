# Two commands for a newcomer: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup install install-dev lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt

# Local default: SQLite under var/, tasks in-process, DEBUG on.
setup: install
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py compile_catalogues
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo

run: setup
	@echo "Serving on http://$(HOST):$(PORT)/  (stop with Ctrl-C)"
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Development settings (DEBUG=1 at import; Django turns DEBUG off while testing). Uses DATABASE_URL and
# CELERY_BROKER_URL from the environment when set: CI sets PostgreSQL and Redis.
test: install-dev
	DEBUG=1 $(BIN)/python manage.py compile_catalogues
	DEBUG=1 $(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Refresh locale/en and locale/nn from the Norwegian (bokmål) strings in code and templates (needs GNU gettext).
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l en -l nn --no-obsolete \
		--ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'static/vendor/*'

clean:
	rm -rf $(VENV) var/db.sqlite3 var/media var/staticfiles
