"""The Python recipe: requests with the CA by REQUESTS_CA_BUNDLE only (the test sets it), the
real host name resolved to 127.0.0.1 as a hosts entry would. Prints the answer's status and body.

Usage: REQUESTS_CA_BUNDLE=ca.pem python3 requests_recipe.py <url> <json body>
"""
import json
import socket
import sys

# Told apart from a failed call by its exit code, so that the test skips (or, on CI, fails)
# saying what is missing, without a second Python start to ask first.
MISSING_REQUESTS = 3
try:
    import requests
except ImportError:
    print("python3 without the requests library", file=sys.stderr)
    sys.exit(MISSING_REQUESTS)

real_getaddrinfo = socket.getaddrinfo


def to_loopback(host, *args, **kwargs):
    """Every name to 127.0.0.1: what `127.0.0.1 json.aspsms.com` in /etc/hosts does."""
    return real_getaddrinfo("127.0.0.1", *args, **kwargs)


socket.getaddrinfo = to_loopback

url, body = sys.argv[1], sys.argv[2]
try:
    answer = requests.post(
        url, data=body, headers={"content-type": "application/json"}, timeout=10
    )
except requests.exceptions.SSLError as error:
    print(error, file=sys.stderr)
    sys.exit(1)
print(json.dumps({"status": answer.status_code, "body": answer.text}))
