"""Follow a stream of official letters and see, the day a new one lands, what changed."""

__version__ = "0.1.0"
