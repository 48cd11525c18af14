"""The learner's objects as the checks see them: proxies of objects that live in the agent process.

The learner's code runs in the agent (runner/agent_server.py), never in the judge that holds the checks,
the reference and the verdicts. A Remote stands for one object there: calling it, reading or setting an
attribute, an operator (with a number on either side), iterating, len, indexing, repr all ask the agent.
Plain data (numbers, strings, and lists, tuples, dicts, sets of them) comes back by value, anything else as
another Remote; one object there is one Remote here, so `is`, `==` and hashing go by the object's identity.
An exception the learner's code raised comes back as the same kind of exception, with its text and the
learner's file:line (`where_of`).
"""
from __future__ import annotations

import builtins
import weakref
from collections.abc import Callable
from typing import Any

from micrograd_kata.learner import wire
from micrograd_kata.results import Location


class AgentGone(Exception):
    """The agent process ended (a timeout, os._exit, a crash) while the judge waited for an answer."""


class Remote:
    """One of the learner's objects, living in the agent."""

    __slots__ = ("_agent", "_number", "_type", "__weakref__")

    def __init__(self, agent: Agent, number: int, type_number: int) -> None:
        object.__setattr__(self, "_agent", agent)
        object.__setattr__(self, "_number", number)
        object.__setattr__(self, "_type", type_number)

    def __del__(self) -> None:
        self._agent.released.add(self._number)

    def __getattr__(self, name: str) -> Any:
        if name in NOT_FORWARDED:
            raise AttributeError(name)
        return self._agent.request("getattr", self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._agent.request("setattr", self, name, value)

    @property  # type: ignore[misc]
    def __class__(self) -> Any:  # noqa: F811 (the learner's class, not Remote)
        return self._agent.proxy(self._type, self._agent.type_of_types)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._agent.request("call", self, list(args), kwargs)

    def __instancecheck__(self, instance: Any) -> bool:
        if isinstance(instance, Remote):
            key = (instance._type, self._number)
            known = self._agent.instance_of.get(key)
            if known is None:
                known = self._agent.instance_of[key] = bool(self._agent.request("isinstance", instance, self))
            return known
        return bool(self._agent.request("isinstance", instance, self))

    def __repr__(self) -> str:
        return str(self._agent.request("builtin", "repr", self))

    def __str__(self) -> str:
        return str(self._agent.request("builtin", "str", self))

    def __len__(self) -> int:
        return int(self._agent.request("builtin", "len", self))

    def __bool__(self) -> bool:
        return bool(self._agent.request("builtin", "bool", self))

    def __float__(self) -> float:
        return float(self._agent.request("builtin", "float", self))

    def __int__(self) -> int:
        return int(self._agent.request("builtin", "int", self))

    def __iter__(self) -> Any:
        return iter(self._agent.request("builtin", "list", self))

    def __getitem__(self, key: Any) -> Any:
        return self._agent.request("operator", "getitem", self, key)

    def __contains__(self, item: Any) -> bool:
        return bool(self._agent.request("operator", "contains", self, item))


NOT_FORWARDED = frozenset({"__wrapped__", "__length_hint__", "__index__", "__array__", "__array_interface__",
                           "__array_struct__", "__fspath__", "__mro_entries__", "__signature__", "__reduce_ex__",
                           "__reduce__", "__getstate__", "__copy__", "__deepcopy__", "__func__", "__self__",
                           "_pytestfixturefunction", "__code__", "__defaults__", "__kwdefaults__",
                           "__pytest_wrapped__", "__origin__", "__args__"})


def _binary(name: str, reflected: bool) -> Callable[[Remote, Any], Any]:
    def method(self: Remote, other: Any) -> Any:
        operands = (other, self) if reflected else (self, other)
        return self._agent.request("operator", name, *operands)
    return method


def _unary(name: str) -> Callable[[Remote], Any]:
    def method(self: Remote) -> Any:
        return self._agent.request("operator", name, self)
    return method


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul"):
    setattr(Remote, f"__{_name}__", _binary(_name, False))
    setattr(Remote, f"__r{_name}__", _binary(_name, True))
for _name in ("lt", "le", "gt", "ge"):
    setattr(Remote, f"__{_name}__", _binary(_name, False))
for _name in ("neg", "pos", "abs"):
    setattr(Remote, f"__{_name}__", _unary(_name))


def where_of(error: BaseException) -> Location | None:
    """Where in the learner's files an exception from the agent was raised."""
    return getattr(error, "kata_where", None)


class Agent:
    """The judge's end of the pipe to the agent: requests, answers, and the callbacks in between."""

    def __init__(self, pipe: wire.Pipe, rebuild_special: Callable[[dict[str, Any], Agent], BaseException | None],
                 gone: Callable[[], None]) -> None:
        self.pipe = pipe
        self.rebuild_special = rebuild_special  # the lending exceptions, which the runner knows
        self.gone = gone  # the agent ended: the judge ends the same way
        self.proxies: weakref.WeakValueDictionary[int, Remote] = weakref.WeakValueDictionary()
        self.released: set[int] = set()
        self.kept: list[Remote] = []  # every proxy of a piece lives as long as the piece, as the objects there do
        self.callbacks: dict[int, Callable[..., Any]] = {}
        self.instance_of: dict[tuple[int, int], bool] = {}
        self.type_of_types = 0
        self.posted = 0  # requests sent whose answers are still to read

    def proxy(self, number: int, type_number: int) -> Remote:
        found = self.proxies.get(number)
        if found is None:
            self.released.discard(number)  # let go of, then handed over again before the agent heard of it
            found = self.proxies[number] = Remote(self, number, type_number)
            self.kept.append(found)
        return found

    def forget(self) -> None:
        """A new piece starts: the proxies of the last one may go (and the agent's objects with them)."""
        self.kept = []

    def _handle(self, value: Any) -> dict[str, Any]:
        if isinstance(value, Remote):
            return {"h": value._number}
        if callable(value):
            number = id(value)
            self.callbacks[number] = value
            return {"c": number}
        raise TypeError(f"the grader cannot hand a {type(value).__name__} to the learner's code")

    def _resolve(self, data: dict[str, Any]) -> Any:
        return self.proxy(data["h"], data["k"])

    def post(self, operation: str, *arguments: Any) -> None:
        """Ask the agent without waiting: its answer is read before the next request's (an error raised then)."""
        self._send([operation, *(wire.encode(a, self._handle) for a in arguments)])
        self.posted += 1

    def request(self, operation: str, *arguments: Any) -> Any:
        """Ask the agent; its answer, or the learner's exception raised here."""
        while self.posted:
            self.posted -= 1
            self._answer()
        if self.released:
            numbers, self.released = sorted(self.released), set()
            self._send(["release", numbers])
        self._send([operation, *(wire.encode(a, self._handle) for a in arguments)])
        return self._answer()

    def _answer(self) -> Any:
        while True:
            try:
                message = self.pipe.receive()
            except wire.Closed:
                self.gone()
                raise AgentGone("the agent ended") from None
            if message[0] == "ok":
                self.callbacks.clear()
                return wire.decode(message[1], self._resolve)
            if message[0] == "err":
                self.callbacks.clear()
                raise self.rebuild(message[1])
            self._callback(message)

    def _send(self, message: list[Any]) -> None:
        try:
            self.pipe.send(message)
        except OSError:
            self.gone()
            raise AgentGone("the agent ended") from None

    def _callback(self, message: list[Any]) -> None:
        _, number, args, kwargs = message
        try:
            value = self.callbacks[number](*wire.decode(args, self._resolve), **wire.decode(kwargs, self._resolve))
            self._send(["ok", wire.encode(value, self._handle)])
        except Exception as error:  # noqa: BLE001 (the check's function failed: the agent says so)
            self._send(["err", {"type": type(error).__name__, "text": str(error)}])

    def rebuild(self, info: dict[str, Any]) -> BaseException:
        """The learner's exception, as the same kind of exception here, with `kata_where`."""
        error = self.rebuild_special(info, self) or _rebuilt(info, self._resolve)
        error.kata_where = Location(*info["where"]) if info.get("where") else None  # type: ignore[attr-defined]
        return error


def _rebuilt(info: dict[str, Any], resolve: Callable[[dict[str, Any]], Any]) -> BaseException:
    base = getattr(builtins, info["base"], Exception)
    if not (isinstance(base, type) and issubclass(base, BaseException)):
        base = Exception
    if info["type"] != base.__name__:  # the learner's own exception class: one of the same name and text
        kind = type(info["type"], (base,), {"__str__": lambda self: info["text"], "__module__": "learner"})
        return kind(info["text"])
    if base is SystemExit:
        return SystemExit(info.get("code"))
    args = wire.decode(info["args"], resolve) if info.get("args") is not None else (info["text"],)
    try:
        error = base(*args)
    except Exception:  # noqa: BLE001 (a constructor that wants other arguments)
        error = base(info["text"])
    if isinstance(error, NameError) and info.get("name") is not None:
        error.name = info["name"]
    return error


def defined_at(owner: Remote, name: str | None = None) -> Location | None:
    """'engine.py:42 in Value.__mul__': where the learner's code defines `name` of a class (or of an object's
    class), or a function."""
    found = owner._agent.request("where", owner, name)
    return None if found is None else Location(*found)


def assign(targets: Any, name: str, values: Any) -> None:
    """for target, value in zip(targets, values): target.name = value -- in one round trip for the agent's."""
    targets = list(targets)
    if targets and all(isinstance(t, Remote) for t in targets):
        targets[0]._agent.request("assign", targets, name, list(values))
        return
    for target, value in zip(targets, values):
        setattr(target, name, value)


def read(targets: Any, name: str) -> list[Any]:
    """[target.name for target in targets] -- in one round trip for the agent's."""
    targets = list(targets)
    if targets and all(isinstance(t, Remote) for t in targets):
        return list(targets[0]._agent.request("read", targets, name))
    return [getattr(target, name) for target in targets]


def subclass(base: Any, name: str, **returning: Any) -> Any:
    """A class derived from base whose methods, named by `returning`, return the given objects."""
    if isinstance(base, Remote):
        return base._agent.request("subclass", name, base, returning)
    return type(name, (base,), {k: _returning(v) for k, v in returning.items()})


def _returning(value: Any) -> Any:
    """A method that returns value."""
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        return value
    return method
