"""aiprocure: check generative-AI vendor declarations against DS-920."""

__version__ = "0.1.0"
