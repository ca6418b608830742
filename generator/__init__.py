"""shipspec: turn hand-written provider API specs into validated Python clients."""

__version__ = "0.1.0"
