"""The model as files: client, validators, models, JSON Schema, OpenAPI, docs, tests, mock data."""
