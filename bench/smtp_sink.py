"""A local SMTP sink for bench/faults.py: accepts every mail on 127.0.0.1:PORT and appends one JSON
line per mail to OUT (Message-ID, recipients, subject, the text body), flushed at once, so that a
sink stopped with SIGTERM or SIGKILL has written every mail it accepted.

    .venv/bin/python bench/smtp_sink.py --port 8825 --out DIR/sink.jsonl
"""

import argparse
import asyncio
import email
import email.policy
import json
import signal

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, path: str):
        self.out = open(path, "a", encoding="utf-8")

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain",))
        self.out.write(json.dumps({
            "message_id": message.get("Message-ID", ""),
            "to": envelope.rcpt_tos,
            "subject": str(message.get("Subject", "")),
            "body": part.get_content() if part is not None else "",
        }, ensure_ascii=False) + "\n")
        self.out.flush()
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    controller = Controller(Sink(args.out), hostname="127.0.0.1", port=args.port)
    controller.start()
    loop = asyncio.new_event_loop()
    stop = loop.create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    loop.run_until_complete(stop)
    controller.stop()


if __name__ == "__main__":
    main()
