"""The operations an expression program is made of: how each reads, which Value method Python
calls for it, and its maths (the value, and the local derivative of each operand)."""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Operands = Sequence[Any]


@dataclass(frozen=True)
class Op:
    """One kind of statement: how it reads, the Value method Python calls for it, and its maths."""

    template: str                                          # "{0} * {1}"; {k} is the number in "2 * a"
    method: str                                            # the Value method that runs it: "__rmul__"
    apply: Callable[[Operands, Any], Any]                  # on Values, tensors (and floats)
    local: Callable[[Operands, Any, float], tuple[float, ...]]  # d out / d operand, one per operand
    rule: str                                              # the maths, shown as a hint
    numbers: tuple[float, ...] = ()                        # choices of k in random programs
    safe: Callable[[Operands, Any], bool] = lambda x, k: True   # operands random programs may use
    on_floats: Callable[[Operands, Any], float] | None = None   # when apply needs Value methods

    @property
    def arity(self) -> int:
        """Operands taken: 1, 2, or 0 for sum's any number."""
        return 0 if "{args}" in self.template else len(re.findall(r"\{\d\}", self.template))

    def value(self, x: Operands, k: Any) -> float:
        return (self.on_floats or self.apply)(x, k)


OPS: dict[str, Op] = {
    "add": Op("{0} + {1}", "__add__", lambda x, k: x[0] + x[1], lambda x, k, out: (1.0, 1.0),
              "for c = a + b: a.grad += c.grad and b.grad += c.grad"),
    "add_k": Op("{0} + {k}", "__add__", lambda x, k: x[0] + k, lambda x, k, out: (1.0,),
                "a + 2.5 wraps the number in a Value, then adds: a.grad += out.grad", (2.5, -1.5)),
    "k_add": Op("{k} + {0}", "__radd__", lambda x, k: k + x[0], lambda x, k, out: (1.0,),
                "Python calls a.__radd__(2.5) for 2.5 + a: return self + other", (2.5, -1.5)),
    "sub": Op("{0} - {1}", "__sub__", lambda x, k: x[0] - x[1], lambda x, k, out: (1.0, -1.0),
              "a - b is a + (-b): a.grad += out.grad and b.grad -= out.grad"),
    "sub_k": Op("{0} - {k}", "__sub__", lambda x, k: x[0] - k, lambda x, k, out: (1.0,),
                "a - 2.5 is a + (-2.5): negate the other side, then add", (2.5, -1.5)),
    "k_sub": Op("{k} - {0}", "__rsub__", lambda x, k: k - x[0], lambda x, k, out: (-1.0,),
                "Python calls a.__rsub__(3) for 3 - a: return other - self, i.e. other + (-self)", (3, -0.5)),
    "mul": Op("{0} * {1}", "__mul__", lambda x, k: x[0] * x[1], lambda x, k, out: (x[1], x[0]),
              "for c = a * b: a.grad += b.data * c.grad and b.grad += a.data * c.grad"),
    "mul_k": Op("{0} * {k}", "__mul__", lambda x, k: x[0] * k, lambda x, k, out: (k,),
                "a * 2 wraps the number in a Value, then multiplies: a.grad += 2 * out.grad", (2, -0.5)),
    "k_mul": Op("{k} * {0}", "__rmul__", lambda x, k: k * x[0], lambda x, k, out: (k,),
                "Python calls a.__rmul__(2) for 2 * a: return self * other", (2, -0.5)),
    "div": Op("{0} / {1}", "__truediv__", lambda x, k: x[0] / x[1],
              lambda x, k, out: (1 / x[1], -x[0] / x[1] ** 2),
              "a / b is a * b**-1: a.grad += out.grad / b.data and b.grad -= a.data / b.data**2 * out.grad",
              safe=lambda x, k: abs(x[1]) >= 0.5),
    "div_k": Op("{0} / {k}", "__truediv__", lambda x, k: x[0] / k, lambda x, k, out: (1 / k,),
                "a / 4 is a * 4**-1: multiply by the other side to the power -1", (4, -0.5)),
    "k_div": Op("{k} / {0}", "__rtruediv__", lambda x, k: k / x[0], lambda x, k, out: (-k / x[0] ** 2,),
                "Python calls a.__rtruediv__(2) for 2 / a: return other * self**-1", (2, -1),
                safe=lambda x, k: abs(x[0]) >= 0.5),
    "neg": Op("-{0}", "__neg__", lambda x, k: -x[0], lambda x, k, out: (-1.0,),
              "-a is a * -1: a.grad -= out.grad"),
    "pow": Op("{0} ** {k}", "__pow__", lambda x, k: x[0] ** k, lambda x, k, out: (k * x[0] ** (k - 1),),
              "the power rule, for p = a ** k: a.grad += k * a.data**(k - 1) * p.grad",
              (2, 3, -1, -2, 0.5, 1.5),
              # no division by ~0, and fractional powers only of positive numbers
              safe=lambda x, k: (k > 0 or abs(x[0]) >= 0.5) and (float(k).is_integer() or x[0] >= 0.25)),
    "exp": Op("{0}.exp()", "exp", lambda x, k: x[0].exp(), lambda x, k, out: (out,),
              "e**x is its own derivative, for e = a.exp(): a.grad += e.data * e.grad",
              safe=lambda x, k: x[0] <= 2.5, on_floats=lambda x, k: math.exp(x[0])),
    "log": Op("{0}.log()", "log", lambda x, k: x[0].log(), lambda x, k, out: (1 / x[0],),
              "the natural log, for l = a.log(): a.grad += (1 / a.data) * l.grad -- the input's data, not l's",
              safe=lambda x, k: x[0] >= 0.2, on_floats=lambda x, k: math.log(x[0])),
    "tanh": Op("{0}.tanh()", "tanh", lambda x, k: x[0].tanh(), lambda x, k, out: (1 - out ** 2,),
               "for t = a.tanh(): a.grad += (1 - t.data**2) * t.grad",
               safe=lambda x, k: abs(x[0]) <= 4, on_floats=lambda x, k: math.tanh(x[0])),
    "relu": Op("{0}.relu()", "relu", lambda x, k: x[0].relu(), lambda x, k, out: (1.0 if x[0] > 0 else 0.0,),
               "for r = a.relu(): a.grad += (r.data > 0) * r.grad -- 0 where a <= 0, also at exactly 0, as torch",
               on_floats=lambda x, k: max(0.0, x[0])),
    "sum": Op("sum([{args}])", "__radd__", lambda x, k: sum(x), lambda x, k, out: (1.0,) * len(x),
              "sum([a, b]) computes 0 + a + b: its first step calls a.__radd__(0)"),
}
