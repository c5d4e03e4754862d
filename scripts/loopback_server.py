#!/usr/bin/env python3
"""A small HTTP/1.1 server on loopback addresses for pith's memory measurements
(scripts/measure-robots-memory.sh, scripts/measure-workahead-memory.sh).

    loopback_server.py MODE PORTFILE ADDR:PORT...

Listens on every ADDR:PORT (a port of 0 picks a free one; ADDR must be in 127.0.0.0/8),
writes the ports it got to PORTFILE (one line per address, in order), and answers:

- MODE robots: /robots.txt is 512 KiB of rules for every crawler (`User-agent: *`, distinct
  `Disallow` paths that do not match /page); any other path is a small article page.
- MODE pages: /stall waits 3600 s (the client's timeout ends it); any other path is an
  article page of about 12 KB; /robots.txt is 404.

Keep-alive, no threads (asyncio), so one process serves thousands of connections.
"""

import asyncio
import ipaddress
import os
import sys

ROBOTS_BYTES = 512 * 1024


def robots_body():
    lines = ["User-agent: *"]
    size = len(lines[0]) + 1
    i = 0
    while size < ROBOTS_BYTES:
        line = f"Disallow: /private/section-{i:06d}/archive/"
        lines.append(line)
        size += len(line) + 1
        i += 1
    return ("\n".join(lines) + "\n").encode()[:ROBOTS_BYTES]


def article(words):
    para = (
        "The council met on Tuesday to discuss the new budget for the coming year, and members "
        "spoke at length about schools, roads and the library that serves the town. "
    )
    paras = "".join(f"<p>{para}</p>\n" for _ in range(words))
    return (
        "<!doctype html><html lang=en><head><title>Council Passes Budget</title></head><body>"
        "<nav><a href=/>Home</a></nav><article><h1>Council Passes Budget</h1>\n"
        f"{paras}</article><footer>About us</footer></body></html>\n"
    ).encode()


def response(status, body, content_type):
    reason = {200: "OK", 404: "Not Found"}[status]
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    return head + body


def main():
    mode, portfile, addrs = sys.argv[1], sys.argv[2], sys.argv[3:]
    robots = response(200, robots_body(), "text/plain") if mode == "robots" else response(404, b"", "text/plain")
    page = response(200, article(3 if mode == "robots" else 60), "text/html; charset=utf-8")

    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1]
                if path == b"/robots.txt":
                    writer.write(robots)
                elif path == b"/stall":
                    await asyncio.sleep(3600)
                else:
                    writer.write(page)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def serve():
        servers, ports = [], []
        for spec in addrs:
            host, port = spec.rsplit(":", 1)
            if not ipaddress.ip_address(host).is_loopback:
                sys.exit(f"loopback_server: {host} is not a loopback address")
            server = await asyncio.start_server(handle, host, int(port), backlog=1024)
            servers.append(server)
            ports.append(server.sockets[0].getsockname()[1])
        with open(portfile + ".tmp", "w") as f:
            f.write("".join(f"{p}\n" for p in ports))
        os.replace(portfile + ".tmp", portfile)
        await asyncio.gather(*(s.serve_forever() for s in servers))

    asyncio.run(serve())


if __name__ == "__main__":
    main()
