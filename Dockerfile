# The portal's image: web (gunicorn), Celery worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

# WeasyPrint draws PDFs with Pango; the fonts cover the scripts our partners write in.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 portal
WORKDIR /app

COPY pyproject.toml README.md ./
COPY config ./config
COPY networks ./networks
COPY accounts ./accounts
COPY pledges ./pledges
COPY toolkit ./toolkit
COPY incidents ./incidents
COPY alerts ./alerts
COPY stats ./stats
RUN pip install .

COPY manage.py ./
COPY templates ./templates
COPY static ./static
COPY locale ./locale
# collectstatic needs settings, not services: throwaway values for the build step only.
RUN DJANGO_SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 EMAIL_URL=consolemail:// \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/.data/media && chown -R portal /app/.data

USER portal
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
