"""gongxin (工信): the industrial-economy platform of a city's Industry & IT Bureau."""

__version__ = "0.1.0"
