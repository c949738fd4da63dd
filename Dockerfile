# CreditDesk production image: web (gunicorn), worker and beat share it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango; credit-file PDFs need CJK fonts; harfbuzz-subset makes subsetting
# those fonts fast (about 15x); gettext compiles translations; Node installs front-end packages.
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk \
        gettext nodejs npm curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml constraints.txt package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN pip install -c constraints.txt . \
    && DEBUG=true python manage.py compilemessages --ignore node_modules \
    && DEBUG=true python manage.py collectstatic --noinput

RUN useradd --system --home /app creditdesk && mkdir -p /app/var && chown -R creditdesk /app/var
USER creditdesk
EXPOSE 8000
CMD ["gunicorn", "creditdesk.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
