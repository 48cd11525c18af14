"""The pipe between the judge (the checks) and the agent (the learner's code): length-prefixed JSON messages.

Plain data crosses by value: None, bool, int, float, str, and lists, tuples, dicts, sets of those. Anything
else stays where it lives and crosses as a handle, {"h": number}; each side says how it turns its own objects
into handles and back. JSON, not pickle: what the agent sends is read as data, never run.

Standard library only: the agent loads this file by its path, without the grader's package.
"""
from __future__ import annotations

import json
import os
import struct
from collections.abc import Callable
from typing import Any

HEADER = struct.Struct("!I")
PLAIN = (type(None), bool, int, float, str)
DEPTH = 50  # deeper containers cross as handles


class Closed(EOFError):
    """The other side of the pipe is gone."""


class Pipe:
    """One end of a two-way channel: send a message, receive the next one."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self.reader = os.fdopen(read_fd, "rb", buffering=65536)
        self.write_fd = write_fd

    def send(self, message: Any) -> None:
        data = json.dumps(message, separators=(",", ":")).encode("utf-8", "surrogatepass")
        data = HEADER.pack(len(data)) + data
        while data:
            data = data[os.write(self.write_fd, data):]

    def receive(self) -> Any:
        header = self.reader.read(HEADER.size)
        if len(header) < HEADER.size:
            raise Closed("the other side of the pipe is gone")
        (size,) = HEADER.unpack(header)
        data = self.reader.read(size)
        if len(data) < size:
            raise Closed("the other side of the pipe is gone")
        return json.loads(data.decode("utf-8", "surrogatepass"))


def encode(value: Any, handle: Callable[[Any], Any], depth: int = 0) -> Any:
    """value as JSON: plain data by value, anything else by `handle(value)` (a dict with an "h" or "c" key)."""
    kind = type(value)
    if kind in PLAIN:
        return value
    if depth < DEPTH:
        if kind is list:
            return [encode(v, handle, depth + 1) for v in value]
        if kind is tuple:
            return {"t": [encode(v, handle, depth + 1) for v in value]}
        if kind is dict:
            return {"d": [[encode(k, handle, depth + 1), encode(v, handle, depth + 1)] for k, v in value.items()]}
        if kind is set or kind is frozenset:
            return {"s" if kind is set else "f": [encode(v, handle, depth + 1) for v in value]}
    return handle(value)


def decode(data: Any, resolve: Callable[[dict[str, Any]], Any]) -> Any:
    """The value that encode gave `data` for; `resolve` turns a handle back into an object."""
    if type(data) is list:
        return [decode(v, resolve) for v in data]
    if type(data) is not dict:
        return data
    if "t" in data:
        return tuple(decode(v, resolve) for v in data["t"])
    if "d" in data:
        return {decode(k, resolve): decode(v, resolve) for k, v in data["d"]}
    if "s" in data:
        return {decode(v, resolve) for v in data["s"]}
    if "f" in data:
        return frozenset(decode(v, resolve) for v in data["f"])
    return resolve(data)
