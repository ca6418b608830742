"""The pipeline that runs the stages per provider, and what puts its output on disk."""
