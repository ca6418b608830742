"""Load, check and build: a YAML spec becomes the frozen model, or located diagnostics."""
