"""deploy/nginx.conf turned into a config that runs on loopback beside the project's own servers, for
benchmarks/classroom.py --replicas and tests/test_deploy.py. Text in, text out."""
import re
from pathlib import Path


def nginx_config(template: str, listen: int, ports: list[int], folder: Path) -> str:
    """deploy/nginx.conf on loopback: these replicas, this port, files in `folder`, and a header naming the
    replica that answered (the benchmark's way to see stickiness; the deployed config does not send it)."""
    servers = "".join(f"        server 127.0.0.1:{port};\n" for port in ports)
    config = re.sub(r"        server app:8501;[^\n]*\n", servers, template)
    config = config.replace("listen 8080;", f"listen 127.0.0.1:{listen};")
    config = config.replace("add_header Set-Cookie $bp_new_cookie always;",
                            "add_header Set-Cookie $bp_new_cookie always;\n"
                            "            add_header X-Upstream $upstream_addr always;")
    config = config.replace("http {", f"http {{\n    access_log off;\n    client_body_temp_path {folder}/body;\n"
                                      f"    proxy_temp_path {folder}/proxy;", 1)
    return f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n" + config
