"""The `shipspec` command line: one module per command, and the terminal niceties."""
