"""A number that can square itself."""


class Num:

    def __init__(self, x):
        """Keep x."""
        self.x = x

    def square(self):
        """x squared, as a Num."""
        return Num(self.x * self.x)
