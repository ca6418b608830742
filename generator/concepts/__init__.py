"""Spec concepts, one module each: everything every stage needs to know about one of them.

A concept module holds the concept's model helpers, its build-time checks,
what its generated validation and mock do, and its JSON Schema mapping, so
that the stages ask the concept instead of switching on its name.
"""
