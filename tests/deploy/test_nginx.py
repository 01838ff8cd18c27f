"""deploy/nginx/cchc.conf: accepted by Debian's nginx (`nginx -t`, run in CI) and, running,
serving images from disk with the app's headers, refusing documents and other media, caching
static files for good and passing the proxy headers the app relies on."""

import gzip
import json
import socket
import ssl
import subprocess
from types import SimpleNamespace

import pytest

from portal import media
from tests.deploy import nginx_stand as stand
from tests.deploy.nginx_stand import HOST

HASHED_CSS = "css/site.0123456789ab.css"


def lay_out_files(srv):
    static, root = srv / "staticfiles", srv / "media"
    (static / "css").mkdir(parents=True)
    css = b"body { color: #123; }\n" * 50
    (static / HASHED_CSS).write_bytes(css)
    (static / (HASHED_CSS + ".gz")).write_bytes(gzip.compress(css))
    (static / "css" / "site.css").write_bytes(css)
    for folder in ("images", "original_images", "documents"):
        (root / folder).mkdir(parents=True)
    (root / "images" / "cover.fill-10x10.jpg").write_bytes(b"\xff\xd8jpeg rendition")
    (root / "original_images" / "Cover.PNG").write_bytes(b"\x89PNG original")
    (root / "images" / "drawing.svg").write_text("<svg onload='alert(1)'/>")
    (root / "documents" / "draft.pdf").write_bytes(b"%PDF-1.4 an agency's draft")
    (root / "secret.png").write_bytes(b"\x89PNG outside the folders")
    (root / "images" / "link.png").symlink_to(root / "secret.png")


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("nginx")
    app = stand.start_app()
    ports = {"http": stand.free_port(), "https": stand.free_port(), "app": app.server_port}
    command = stand.configure(prefix, ports)
    lay_out_files(prefix / "srv")
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    try:
        stand.wait_for_port(ports["https"], process)
        yield SimpleNamespace(command=command, prefix=prefix, **ports)
    finally:
        process.terminate()
        process.wait(timeout=30)
        app.shutdown()


def get(nginx, path, **headers):
    return stand.https_request(nginx.https, "GET", path, headers=headers)


def echoed(body):
    return json.loads(body)


def test_nginx_accepts_the_site_file(nginx):
    result = subprocess.run([*nginx.command, "-t"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_plain_http_is_redirected_to_https(nginx):
    response, _ = stand.http_request(nginx.http, "/tin-tuc/?page=2")
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/tin-tuc/?page=2"


def test_other_host_names_never_reach_the_app(nginx):
    with pytest.raises(ssl.SSLError):
        stand.https_request(nginx.https, "GET", "/", server_name="other.example.com")
    with pytest.raises((ConnectionError, OSError)):  # 444: the connection is closed unanswered
        stand.http_request(nginx.http, "/", host="other.example.com")


def test_requests_reach_the_app_with_the_proxy_headers(nginx):
    response, body = get(nginx, "/tin-tuc/?page=2", **{"X-Forwarded-For": "203.0.113.9"})
    assert response.status == 200
    request = echoed(body)
    assert request["path"] == "/tin-tuc/?page=2"
    assert request["headers"]["Host"] == HOST
    assert request["headers"]["X-Forwarded-Proto"] == "https"
    # The client's claim first, the address nginx saw last (TRUSTED_PROXY_COUNT=1 reads that).
    assert request["headers"]["X-Forwarded-For"] == "203.0.113.9, 127.0.0.1"
    request_id = request["headers"]["X-Request-ID"]
    assert len(request_id) == 32 and int(request_id, 16) >= 0


def test_the_apps_redirects_are_passed_untouched(nginx):
    response, _ = get(nginx, "/go-elsewhere")
    assert response.getheader("Location") == f"http://127.0.0.1:{nginx.app}/elsewhere"


def test_health_checks_reach_the_app_from_this_machine(nginx):
    for path in ("/healthz", "/readyz"):
        response, body = get(nginx, path)
        assert response.status == 200 and echoed(body)["path"] == path


def test_readiness_is_refused_to_other_addresses(nginx):
    address = outward_address()
    if address is None:
        pytest.skip("this machine has no address other than loopback")
    response, _ = stand.https_request(nginx.https, "GET", "/readyz", address=address)
    assert response.status == 403
    response, _ = stand.https_request(nginx.https, "GET", "/healthz", address=address)
    assert response.status == 200


def outward_address():
    """One of this machine's own non-loopback IPv4 addresses (no packet is sent), or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address  # noqa: S104


def test_uploads_up_to_the_limit_and_its_margin(nginx):
    response, body = stand.https_request(
        nginx.https, "POST", "/admin/images/add/", body=b"x" * (11 * 1024 * 1024)
    )
    assert response.status == 200 and echoed(body)["path"] == "/admin/images/add/"
    response, _ = stand.https_request(
        nginx.https, "POST", "/admin/images/add/", body=b"x" * (13 * 1024 * 1024)
    )
    assert response.status == 413


def assert_image_headers(response, folder):
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    csp = media.SECURITY_HEADERS["Content-Security-Policy"]
    assert response.getheader("Content-Security-Policy") == csp
    cache = f"public, max-age={media.CACHE_SECONDS[folder]}"
    assert response.getheader("Cache-Control") == cache  # the same as the app's own view


def test_images_come_from_disk_with_the_apps_headers(nginx):
    response, body = get(nginx, "/media/images/cover.fill-10x10.jpg")
    assert (response.status, body) == (200, b"\xff\xd8jpeg rendition")
    assert response.getheader("Content-Type") == "image/jpeg"
    assert_image_headers(response, media.RENDITIONS)
    response, body = get(nginx, "/media/original_images/Cover.PNG")
    assert (response.status, body) == (200, b"\x89PNG original")
    assert response.getheader("Content-Type") == "image/png"
    assert_image_headers(response, media.ORIGINALS)


def test_an_unchanged_image_is_not_sent_again(nginx):
    path = "/media/images/cover.fill-10x10.jpg"
    response, _ = get(nginx, path)
    response, body = get(nginx, path, **{"If-Modified-Since": response.getheader("Last-Modified")})
    assert (response.status, body) == (304, b"")


def test_an_image_missing_from_disk_is_asked_of_the_app(nginx):
    response, body = get(nginx, "/media/images/elsewhere.fill-10x10.webp")
    assert response.status == 200
    assert echoed(body)["path"] == "/media/images/elsewhere.fill-10x10.webp"


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/draft.pdf",
        "/media/images/../documents/draft.pdf",
        "/media/images/%2e%2e/documents/draft.pdf",
        "/media/images/..%2fdocuments/draft.pdf",
        "/media/secret.png",
        "/media/images/../secret.png",
        "/media/images/drawing.svg",
        "/media/images/",
        "/media/",
    ],
)
def test_other_media_are_refused_at_the_proxy(nginx, path):
    response, body = get(nginx, path)
    assert response.status == 404
    assert b"agency" not in body and b"outside" not in body and b"svg" not in body


def test_no_symbolic_link_leads_out_of_an_image_folder(nginx):
    response, body = get(nginx, "/media/images/link.png")
    assert response.status in (403, 404)
    assert b"outside" not in body


def test_hashed_static_files_are_cached_for_good_and_sent_compressed(nginx):
    response, body = get(nginx, f"/static/{HASHED_CSS}", **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body).startswith(b"body {")
    response, _ = get(nginx, "/static/css/site.css")
    assert response.getheader("Cache-Control") == "public, max-age=60"
    assert response.getheader("Content-Type") == "text/css"


@pytest.mark.parametrize(
    "ports",
    [
        # A free port that begins with another placeholder's number: replaced one after the
        # other, "listen 44317" became "listen 57227" + "17" (nginx refused "5722717").
        {"http": 44317, "https": 57227, "app": 8000},
        {"http": 4438, "https": 8043, "app": 44380},
        {"http": 80, "https": 443, "app": 8001},
    ],
)
def test_the_stands_ports_are_put_in_the_site_file_whatever_their_digits(tmp_path, ports):
    text = stand.site_file(tmp_path, ports)
    listened = {line.split()[1].rstrip(";").rsplit(":", 1)[-1] for line in text.splitlines()
                if line.strip().startswith("listen")}  # fmt: skip
    assert listened == {str(ports["http"]), str(ports["https"])}
    assert f"server 127.0.0.1:{ports['app']};" in text
