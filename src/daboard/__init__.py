"""daboard: the working system of a Domestic Abuse Local Partnership Board."""

__version__ = "0.1.0"
