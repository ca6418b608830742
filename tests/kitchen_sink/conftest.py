"""The golden tree is generated output, not tests of this project: pytest leaves it alone.

Its own generated tests are run by test_kitchen_sink.py, inside a fresh
regeneration, where they belong.
"""

collect_ignore_glob = ["golden/*"]
