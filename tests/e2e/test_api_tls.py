# SPDX-License-Identifier: MIT
"""TLS: taio serve with --tls-cert/--tls-key answers HTTPS (libmicrohttpd
with GnuTLS) with a throwaway certificate made by openssl, marks session
cookies Secure, and refuses to start with only half of the pair."""
import subprocess

from conftest import Server


def make_certificate(tmp_path):
    cert = tmp_path / "cert.pem"
    key = tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def test_https_with_a_certificate(desk, tmp_path):
    cert, key = make_certificate(tmp_path)
    s = Server(desk, tmp_path, ["--tls-cert", str(cert), "--tls-key",
                                str(key)])
    try:
        base = f"https://127.0.0.1:{s.port}"
        r = s.http.get(base + "/healthz", verify=str(cert), timeout=30)
        assert r.status_code == 200 and r.json() == {"status": "ok"}
        desk.ok("user", "password", "sato", input="kousei-no-tsuki\n",
                as_user="admin", env={"TAIO_PWHASH_COST": "min"})
        r = s.http.post(base + "/api/v1/session", verify=str(cert),
                        json={"login": "sato", "password": "kousei-no-tsuki"},
                        timeout=30)
        assert r.status_code == 201
        assert "Secure" in r.headers["Set-Cookie"]
        # Plain HTTP on the TLS port gets no answer.
        try:
            plain = s.http.get(f"http://127.0.0.1:{s.port}/healthz",
                               timeout=5)
            assert plain.status_code != 200
        except Exception:
            pass
    finally:
        s.stop()


def test_half_a_certificate_pair_is_refused(desk, tmp_path):
    cert, _ = make_certificate(tmp_path)
    code, err = desk.fail("serve", "--listen", "127.0.0.1:0",
                          "--tls-cert", str(cert))
    assert code == 2 and err["fields"][0]["field"] == "tls-cert"
