"""What the agent does for the judge with the learner's objects: one at a time (an attribute, a call, an
operator), or many in one round trip (whole expression programs, a graph read at once, a model's scores).

Loaded by its path into the agent (runner/agent_server.py): standard library only.
"""
from __future__ import annotations

import inspect
import operator
import os
from collections.abc import Callable
from typing import Any


class Requests:
    """The agent's answers about the learner's objects; `do_X` answers the request X."""

    compiled: dict[str, Any]  # a statement's expression -> the function that computes it

    def error(self, error: BaseException) -> dict[str, Any]:
        raise NotImplementedError  # the agent says what an exception was

    def do_getattr(self, target: Any, name: str) -> Any:
        return getattr(target, name)

    def do_setattr(self, target: Any, name: str, value: Any) -> None:
        setattr(target, name, value)

    def do_assign(self, targets: list[Any], name: str, values: list[Any]) -> None:
        for target, value in zip(targets, values):
            setattr(target, name, value)

    def do_read(self, targets: list[Any], name: str) -> list[Any]:
        return [getattr(target, name) for target in targets]

    def do_call(self, target: Any, args: list[Any], kwargs: dict[str, Any]) -> Any:
        return target(*args, **kwargs)

    def do_operator(self, name: str, *operands: Any) -> Any:
        return getattr(operator, name)(*operands)

    def do_builtin(self, name: str, target: Any) -> Any:
        """repr, str, len, bool, float, int, list (iteration) of an object."""
        if name in ("repr", "str"):  # whole: the judge cuts it where it shows it (results.visible)
            return repr(target) if name == "repr" else str(target)
        use: dict[str, Callable[[Any], Any]] = {"len": len, "bool": bool, "float": float, "int": int, "list": list}
        return use[name](target)

    def do_isinstance(self, value: Any, cls: Any) -> bool:
        return isinstance(value, cls)

    def do_subclass(self, name: str, base: Any, attributes: dict[str, Any]) -> Any:
        """A class derived from one of the learner's, with methods that return given objects (a stand-in model)."""
        return type(name, (base,), {k: _returning(v) for k, v in attributes.items()})

    def do_where(self, owner: Any, name: str | None) -> tuple[str, int, str] | None:
        """The file and line where the learner's code defines `name` of a class (along its MRO) or a function."""
        function = owner
        if name is not None:
            cls = owner if isinstance(owner, type) else type(owner)
            function = next((k.__dict__[name] for k in inspect.getmro(cls) if name in k.__dict__), None)
        code = getattr(inspect.unwrap(function), "__code__", None) if callable(function) else None
        if code is None:
            return None
        return (os.path.basename(code.co_filename), code.co_firstlineno, function.__qualname__)

    # requests in bulk: many programs in one round trip

    def do_programs(self, Value: type, programs: list[dict[str, Any]], backward_calls: int) -> list[Any]:
        """Build each program with the learner's Value and call backward(): every node's data and grad, or what
        went wrong: ["values", data, grad], ["raised", error], ["not a value", statement index, type, repr]."""
        answers = []
        for program in programs:
            try:
                answers.append(self._run(Value, program, backward_calls))
            except MemoryError:
                raise  # the check ends at once, not after every program has filled memory again
            except Exception as error:  # noqa: BLE001
                answers.append(["raised", self.error(error)])
        return answers

    def _run(self, Value: type, program: dict[str, Any], backward_calls: int) -> list[Any]:
        nodes = self._build(Value, program)
        if isinstance(nodes, list):  # a statement did not return a Value: say what it returned, as text
            _, index, out = nodes
            return ["not a value", index, type(out).__name__, text_of(out, repr)]
        output = nodes[program["output"]]
        for _ in range(backward_calls):
            output.backward()
        names = list(nodes)
        return ["values", [float(nodes[n].data) for n in names], [float(nodes[n].grad) for n in names]]

    def _build(self, Value: type, program: dict[str, Any]) -> Any:
        """The program's nodes by name, built with the learner's Value; or ["not a value", index, result]."""
        nodes = {name: Value(value) for name, value in program["inputs"]}
        for index, (name, expression, args, k) in enumerate(program["statements"]):
            out = self._compiled(expression)([nodes[a] for a in args], k)
            if not isinstance(out, Value):
                return ["not a value", index, out]
            nodes[name] = out
        return nodes

    def do_build(self, Value: type, program: dict[str, Any]) -> list[Any]:
        """A program built with the learner's Value: ["nodes", {name: node}], or ["not a value", index, result]."""
        built = self._build(Value, program)
        return built if isinstance(built, list) else ["nodes", built]

    def do_scores(self, model: Any, Value: type, points: list[list[float]]) -> list[float]:
        """A trained model's score at each point, float(model([Value(x), Value(y)]).data), in one round trip."""
        return [float(model([Value(x), Value(y)]).data) for x, y in points]

    def do_graph(self, root: Any, attributes: list[str]) -> list[Any]:
        """Every node reachable from root through _prev, the named attributes of each, and each one's _prev (as
        positions in the list): a graph read in one round trip."""
        nodes: list[Any] = []
        position: dict[int, int] = {}
        todo = [root]
        while todo:
            v = todo.pop()
            if id(v) not in position:
                position[id(v)] = len(nodes)
                nodes.append(v)
                todo.extend(v._prev)
        return [nodes, [[getattr(v, a) for a in attributes] for v in nodes],
                [[position[id(c)] for c in v._prev] for v in nodes]]

    def _compiled(self, expression: str) -> Any:
        apply = self.compiled.get(expression)
        if apply is None:
            apply = self.compiled[expression] = eval(f"lambda x, k: {expression}", {})  # noqa: S307
        return apply

    def do_backward_order(self, Value: type, program: dict[str, Any]) -> list[Any]:
        """backward() on a fresh graph, recording whose _backward runs when; and the output's grad."""
        nodes = self._build(Value, program)
        calls: list[str] = []
        for name, *_ in program["statements"]:
            nodes[name]._backward = _recording(nodes[name]._backward, name, calls)
        nodes[program["output"]].backward()
        return [calls, float(nodes[program["output"]].grad)]


def _recording(backward: Any, name: str, calls: list[str]) -> Any:
    def recorded() -> Any:
        calls.append(name)
        return backward()
    return recorded


def _returning(value: Any) -> Any:
    """A method that returns value."""
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        return value
    return method


def text_of(value: Any, show: Any = str, limit: int = 5000) -> str:
    try:
        text = show(value)
    except Exception as error:  # noqa: BLE001 (a learner's __str__ may raise)
        text = f"<{type(value).__name__}: its {show.__name__}() raised {type(error).__name__}>"
    return text if len(text) <= limit else text[:limit] + "…"

