# Production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango; gettext is not needed (catalogues compile with polib).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Static files and message catalogues are built into the image; these values are
# only for the build step and are never used at run time.
RUN DEBUG=1 python manage.py compile_catalogues \
    && DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=build python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 app && mkdir -p /data/media && chown -R app /data
USER app

EXPOSE 8000
# Workers, timeouts and request size limits: gunicorn.conf.py (GUNICORN_* variables).
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
