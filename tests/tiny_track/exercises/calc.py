"""A number that can square itself."""


class Num:

    def __init__(self, x):
        """Keep x."""
        # TODO: keep x as self.x
        raise NotImplementedError("num: Num.__init__")

    def square(self):
        """x squared, as a Num."""
        # TODO: a new Num of x * x
        raise NotImplementedError("square: Num.square")
