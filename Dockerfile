# The explorer as one container: `docker build -t backprop-explorer .` then
# `docker run -p 8501:8501 backprop-explorer`. deploy/README.md runs several behind nginx.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# the runtime requirements alone, installed before the code so a code change keeps this layer
COPY requirements.txt ./
RUN pip install -r requirements.txt

RUN useradd --create-home --uid 10001 explorer
# a live class's SQLite file, where DATABASE_URL names no PostgreSQL: the one folder the app writes to
RUN mkdir /app/.data && chown explorer /app/.data
COPY .streamlit/ .streamlit/
COPY app.py ./
COPY backprop/ backprop/
COPY pages/ pages/
COPY ui/ ui/
COPY static/ static/
USER explorer

EXPOSE 8501
# the slim image has no curl: Python asks Streamlit's own health endpoint
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", \
     "--browser.gatherUsageStats=false"]
