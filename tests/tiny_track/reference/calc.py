"""The reference's Num."""


class Num:

    def __init__(self, x):
        self.x = x

    def square(self):
        return Num(self.x ** 2)
