"""What a generated package promises, how it changed since last time, and its version."""
