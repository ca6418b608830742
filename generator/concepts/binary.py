"""Binary answers: a PDF label, an image, returned as bytes with their media type.

A response `{encoding: binary, content_type: application/pdf}` parses into
the package's `BinaryContent(content, content_type)` (no JSON decoding, no
model); the method's `Accept` names the media type; OpenAPI says
`{type: string, format: binary}` under it. The generated mock answers with
a small sample of that media type, and the generated tests check the bytes
and the media type arrive unchanged.
"""

from __future__ import annotations

_SAMPLES = {
    "application/pdf": "%PDF-1.4\n% shipspec sample label\n%%EOF\n",
    "image/png": "\x89PNG\r\n\x1a\n shipspec sample image",
    "application/zip": "PK\x03\x04 shipspec sample archive",
}


def sample(content_type: str) -> str:
    """Sample bytes of this media type, as latin-1 text (JSON-safe in test data and mock.json)."""
    return _SAMPLES.get(content_type, f"shipspec sample {content_type}")
