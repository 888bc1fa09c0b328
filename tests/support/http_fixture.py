#!/usr/bin/env python3
"""A loopback HTTP server for tests: serves files from a directory, with per-path overrides
(status, headers, content type) from a JSON routes file. Prints the port on stdout when ready.

usage: http_fixture.py DIRECTORY [ROUTES.json]
ROUTES.json: {"/path": {"status": 301, "headers": {"Location": "/other"}, "contentType": "..."}}
(a header given as a list is sent once per value)
"""
import http.server
import json
import os
import socketserver
import sys

root = os.path.abspath(sys.argv[1])
routes = json.load(open(sys.argv[2])) if len(sys.argv) > 2 else {}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        route = routes.get(path, {})
        status = route.get("status", 200)
        file = os.path.normpath(os.path.join(root, path.lstrip("/")))
        body = b""
        if status == 200:
            if not file.startswith(root) or not os.path.isfile(file):
                status = 404
            else:
                body = open(file, "rb").read()
        self.send_response(status)
        content_type = route.get("contentType")
        if content_type is None and status == 200:
            content_type = ("application/ld+json" if file.endswith(".jsonld")
                            else "text/html" if file.endswith(".html") else "application/json")
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in route.get("headers", {}).items():
            for one in value if isinstance(value, list) else [value]:  # repeated headers
                self.send_header(name, one)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


with Server(("127.0.0.1", 0), Handler) as server:
    print(server.server_address[1], flush=True)
    server.serve_forever()
