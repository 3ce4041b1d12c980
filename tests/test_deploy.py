"""The hosting recipe, checked without a container registry: the Dockerfile through Docker's own parser, the
compose file and the Kubernetes manifest as YAML, and the nginx config through nginx itself, also live on loopback."""
import gzip
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import dockerfile
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from conftest import free_port  # noqa: E402
from nginx_loopback import nginx_config  # noqa: E402
from ui.live.db import DEFAULT_FILE  # noqa: E402


def instructions() -> dict[str, list]:
    found = {}
    for command in dockerfile.parse_file(str(ROOT / "Dockerfile")):
        found.setdefault(command.cmd.upper(), []).append(command)
    return found


def test_the_image_is_slim_official_python_with_the_runtime_requirements_alone():
    steps = instructions()
    assert [c.value[0] for c in steps["FROM"]] == ["python:3.11-slim"]
    runs = " ".join(" ".join(c.value) for c in steps["RUN"])
    assert "pip install -r requirements.txt" in runs and "requirements-dev" not in runs
    copied = [c.value[0] for c in steps["COPY"]]
    assert "requirements.txt" in copied and not {"tests/", "benchmarks/", "."} & set(copied)
    assert "static/" in copied  # the pinned Plotly the pages draw with (ui/vendor.py)
    for path in copied:  # every copied path exists, so the build cannot fail on a missing file
        assert (ROOT / path).exists(), path


def test_it_runs_as_a_non_root_user_on_0_0_0_0_8501_with_a_health_check():
    steps = instructions()
    assert steps["USER"][-1].value[0] not in ("root", "0")
    runs = " ".join(" ".join(c.value) for c in steps["RUN"])
    assert "useradd" in runs
    assert "chown explorer /app/.data" in runs  # the live class's SQLite folder (ui/live/db.py) is the user's
    assert Path("/app/.data") == Path("/app") / DEFAULT_FILE.parent.relative_to(ROOT)
    command = steps["CMD"][-1]
    assert command.json and command.value[:3] == ("streamlit", "run", "app.py")
    assert "--server.address=0.0.0.0" in command.value and "--server.port=8501" in command.value
    assert steps["EXPOSE"][-1].value == ("8501",)
    health = steps["HEALTHCHECK"][-1]
    assert "/_stcore/health" in health.original and "--interval=" in health.original


def test_the_image_leaves_out_what_the_app_does_not_run():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", "tests", "benchmarks"} <= set(ignored)


def test_compose_runs_replicas_behind_nginx_with_this_config():
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())
    app, nginx = compose["services"]["app"], compose["services"]["nginx"]
    assert app["build"]["context"] == ".." and app["deploy"]["replicas"] >= 2
    assert nginx["image"].startswith("nginx:") and "8080:8080" in nginx["ports"]
    assert "./nginx.conf:/etc/nginx/nginx.conf:ro" in nginx["volumes"]
    assert nginx["depends_on"]["app"]["condition"] == "service_healthy"
    # the replicas' live classes share one PostgreSQL server, which keeps them on a volume
    db = compose["services"]["db"]
    assert db["image"].startswith("postgres:") and app["depends_on"]["db"]["condition"] == "service_healthy"
    assert app["environment"]["DATABASE_URL"].startswith("postgresql://") and "@db:5432/" in app["environment"][
        "DATABASE_URL"]
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"]) and "pg_isready" in db["healthcheck"][
        "test"]


def test_the_kubernetes_manifest_keeps_sessions_sticky_and_websockets_open():
    deployment, service, ingress = yaml.safe_load_all((ROOT / "deploy" / "kubernetes" / "backprop-explorer.yaml")
                                                      .read_text())
    assert [deployment["kind"], service["kind"], ingress["kind"]] == ["Deployment", "Service", "Ingress"]
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    database = next(e for e in container["env"] if e["name"] == "DATABASE_URL")  # the live classes' PostgreSQL
    assert database["valueFrom"]["secretKeyRef"] == {"name": "backprop-live-db", "key": "url"}
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    assert service["spec"]["sessionAffinity"] == "ClientIP"
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600


def test_the_nginx_config_passes_nginx_itself(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's nginx (apt-get install -y nginx)")
        pytest.skip("Debian's nginx is not installed")
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    assert re.search(r"hash \$bp_replica consistent;", text) and "proxy_set_header Upgrade $http_upgrade;" in text
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_config(text, 18080, [18501, 18502], tmp_path))  # the benchmark's loopback form
    result = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "server 127.0.0.1:18501;" in config.read_text() and "X-Upstream" in config.read_text()


def test_nginx_compresses_what_streamlit_serves_plain(tmp_path, server_url):
    """The config itself, on loopback in front of a real server: a first visit's JavaScript comes gzipped,
    at least three times smaller, and the page still works through it (issue 28: 127 of 128 answers were plain)."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's nginx (apt-get install -y nginx)")
        pytest.skip("Debian's nginx is not installed")
    port, upstream = free_port(), int(server_url.rsplit(":", 1)[1])
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_config((ROOT / "deploy" / "nginx.conf").read_text(), port, [upstream], tmp_path))
    process = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(config), "-g", "daemon off;"])
    try:
        front = f"http://127.0.0.1:{port}"
        page = _fetch(front + "/", deadline=time.time() + 30)
        scripts = re.findall(r'src="\.?/?(static/js/[^"]+\.js)"', page.read().decode())
        assert scripts, "the page names its scripts"
        plain = _fetch(f"{server_url}/{scripts[0]}", zipped=True)
        assert plain.headers.get("Content-Encoding") is None  # Streamlit alone sends it plain
        body = plain.read()
        zipped = _fetch(f"{front}/{scripts[0]}", zipped=True)
        assert zipped.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped.headers["Vary"]
        packed = zipped.read()
        assert gzip.decompress(packed) == body and len(packed) * 3 < len(body)
        assert _fetch(front + "/_stcore/health").read() == b"ok"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _fetch(url: str, zipped: bool = False, deadline: float = 0.0):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if zipped else {})
    while True:
        try:
            return urllib.request.urlopen(request, timeout=10)
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.3)
