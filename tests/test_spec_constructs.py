"""Each construct of the spec language, played end to end by a small spec of its own.

tests/specs/ holds one spec per construct. Each is generated into a fresh
project, and the package's own generated tests run (in a subprocess) against
its generated mock, which plays the construct: it pages that way, signs
that way, answers with that error shape.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.main import main

# This harness's constructs (issue 14, part 2); the others in tests/specs/ have
# their own: test_construct_specs.py (auth, parameters), test_carrier_specs.py.
_OWN = (
    "arrayquery",
    "binarylabel",
    "errorfieldmap",
    "multipart",
    "paging",
    "unionshape",
    "webhookstandard",
)
SPECS = sorted(
    p for p in (Path(__file__).parent / "specs").glob("*.yaml") if p.stem.startswith(_OWN)
)


def generate(spec: Path, project: Path) -> Path:
    (project / "specs").mkdir(parents=True)
    shutil.copy(spec, project / "specs" / spec.name)
    assert main(["--project", str(project), "generate", spec.stem]) == 0
    return project / "generated" / spec.stem


def run_generated_tests(package: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args, str(package)],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_generated_tests_pass_against_the_generated_mock(spec: Path, tmp_path: Path) -> None:
    package = generate(spec, tmp_path)
    result = run_generated_tests(package)
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout and " failed" not in result.stdout


def _validate_in(package: Path, operation: str, payload: str) -> str:
    """The generated validate() of `package`, run in its own interpreter: pointer|rule per line."""
    code = (
        "import json, sys\n"
        f"from {package.name}_client import validate\n"
        f"for p in validate({operation!r}, json.loads(sys.argv[1])):\n"
        "    print(p.pointer + '|' + p.rule + '|' + p.message)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, payload],
        cwd=package,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_a_union_chosen_by_shape_reports_one_problem_at_its_pointer(tmp_path: Path) -> None:
    package = generate(Path(__file__).parent / "specs" / "unionshape.yaml", tmp_path)
    ok = (
        '{"reference": "R", "delivery": {"street": "1 High St", "postcode": "AB1"},'
        ' "contact": {"phone": "1"}}'
    )
    assert _validate_in(package, "create_shipment", ok) == ""
    none = '{"reference": "R", "delivery": {"note": "x"}, "contact": {"phone": "1"}}'
    assert _validate_in(package, "create_shipment", none).splitlines() == [
        "/delivery|one_of|matches none of HomeDelivery (has 'street' or 'postcode'),"
        " PickupDelivery (has 'pickup_point_id')"
    ]
    both = (
        '{"reference": "R", "delivery": {"street": "s", "pickup_point_id": "PP1"},'
        ' "contact": {"email": "e", "phone": "1"}}'
    )
    lines = _validate_in(package, "create_shipment", both).splitlines()
    found = [line.rsplit("|", 1)[0] for line in lines]
    assert found == ["/delivery|one_of", "/contact|exactly_one_of"]
    chosen = '{"reference": "R", "delivery": {"street": "s"}, "contact": {}}'
    assert _validate_in(package, "create_shipment", chosen).splitlines() == [
        "/delivery|required|missing required field 'postcode'",
        "/contact|exactly_one_of|exactly one of 'email', 'phone' is required",
    ]


def _run_against_mock(package: Path, body: str) -> str:
    """`body` run in the package's folder with `client` talking to its mock over loopback."""
    prelude = f"""
import threading, time, uvicorn, httpx
from {package.name}_client import Client, ValidationError, APIStatusError
from {package.name}_client.testing import MockProvider
mock = MockProvider()
server = uvicorn.Server(
    uvicorn.Config(mock.app, host="127.0.0.1", port=0, log_level="critical", lifespan="off")
)
threading.Thread(target=server.run, daemon=True).start()
while not server.started:
    time.sleep(0.01)
url = f"http://127.0.0.1:{{server.servers[0].sockets[0].getsockname()[1]}}"
client = Client(base_url=url)
"""
    result = subprocess.run(
        [sys.executable, "-c", prelude + body + "\nserver.should_exit = True\n"],
        cwd=package,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_array_query_parameters_travel_as_the_document_shows(tmp_path: Path) -> None:
    package = generate(Path(__file__).parent / "specs" / "arrayquery.yaml", tmp_path)
    out = _run_against_mock(
        package,
        """
created = [client.create_parcel(body={"status": s}) for s in ("NEW", "SHIPPED", "LOST")]
new, shipped, lost = (parcel.id for parcel in created)
print(sorted(p.status for p in client.list_parcels(ids=[new, lost])))
print(sorted(p.status for p in client.list_parcels(status=["NEW", "LOST"])))
print(sorted(p.status for p in client.list_parcels(ids=[shipped, lost], status=["LOST"])))
try:
    client.list_parcels(ids=[1, 0], status=["GONE"])
except ValidationError as error:
    print(sorted((p.pointer, p.rule) for p in error.problems))
try:
    client.list_parcels(status=["NEW", "NEW"])
except ValidationError as error:
    print(sorted((p.pointer, p.rule) for p in error.problems))
print(httpx.get(url + "/parcels", params={"ids": "1,x"}).status_code)
print(httpx.get(url + "/parcels?status=NEW&status=NOPE").status_code)
""",
    )
    assert out.splitlines() == [
        "['LOST', 'NEW']",
        "['LOST', 'NEW']",
        "['LOST']",
        "[('/ids/1', 'minimum'), ('/status/0', 'enum')]",
        "[('/status', 'unique')]",
        "400",
        "400",
    ]


def test_a_binary_answer_is_bytes_with_its_media_type(tmp_path: Path) -> None:
    package = generate(Path(__file__).parent / "specs" / "binarylabel.yaml", tmp_path)
    out = _run_against_mock(
        package,
        """
label = client.get_label("s1")
print(label.content_type, label.content[:8], repr(label))
image = client.get_label_image("s1")
print(image.content_type, image.content[:4])
""",
    )
    assert out.splitlines() == [
        "application/pdf b'%PDF-1.4' BinaryContent('application/pdf', 39 bytes)",
        "image/png b'\\x89PNG'",
    ]


def test_multipart_uploads_reach_the_mock_as_typed_parts(tmp_path: Path) -> None:
    """Sync and async clients upload over loopback; the mock parses, checks, stores and echoes."""
    package = generate(Path(__file__).parent / "specs" / "multipartupload.yaml", tmp_path)
    out = _run_against_mock(
        package,
        """
import asyncio, io
from multipartupload_client import AsyncClient
pdf = b"%PDF-1.4 label"
doc = client.upload_document(
    "s1", {"kind": "customs", "copies": 2}, document=("c.pdf", pdf, "application/pdf")
)
print(doc.kind, doc.copies, doc.document.filename, doc.document.content_type, doc.document.size)
name, fields, files = mock.uploads[-1]
print(name, fields, [(f.name, f.filename, f.content, f.content_type) for f in files])
png = io.BytesIO(b"\\x89PNG scan")
png.name = "/tmp/scan.png"
doc = client.upload_document(
    "s1", {"kind": "invoice", "note": "n"}, document=png, thumbnail=b"\\x89PNG t"
)
print(doc.document.filename, doc.document.content_type)
print([(f.name, f.content_type) for f in mock.uploads[-1][2]])
client.upload_label("s1", label=b"ZPL^XA")
print([(f.name, f.filename, f.content, f.content_type) for f in mock.uploads[-1][2]])
sent = len(mock.uploads)
for kwargs in (
    {"document": ("c.txt", b"x", "text/plain")},
    {
        "document": ("c.pdf", b"x" * 1001, "application/pdf"),
        "thumbnail": ("t.gif", b"G", "image/gif"),
    },
    {"document": "not bytes"},
    {"document": ("c.pdf", b"x", "application/pdf\\r\\nX-Injected: 1")},
):
    try:
        client.upload_document("s1", {"kind": "bill", "note": "x" * 21}, **kwargs)
    except ValidationError as error:
        print(sorted((p.pointer, p.rule) for p in error.problems))
try:
    client.upload_label("s1", label=None)
except ValidationError as error:
    print([(p.pointer, p.rule, p.message) for p in error.problems])
print(len(mock.uploads) == sent)
unchecked = Client(base_url=url, validate=False)
try:
    unchecked.upload_document("s1", {"kind": "invoice"}, document=("c.txt", b"x", "text/plain"))
except APIStatusError as error:
    print(error.status_code, error.body)
for bad in ({"kind": "invoice", "copies": float("nan")}, {"kind": "invoice", "note": "\\ud800"}):
    try:
        unchecked.upload_document("s1", bad, document=pdf)
    except ValidationError as error:
        print([(p.pointer, p.rule) for p in error.problems])
print(httpx.post(url + "/shipments/s1/documents", data={"kind": "invoice"}).status_code)
bare = httpx.put(url + "/shipments/s1/label", files={"other": ("o.txt", b"o")})
print(bare.status_code, bare.json())

async def upload_async():
    async with AsyncClient(base_url=url) as aclient:
        return await aclient.upload_document(
            "s2", {"kind": "invoice"}, document=("a.pdf", pdf, "Application/PDF; version=1.7")
        )
doc = asyncio.run(upload_async())
print(doc.kind, doc.document.filename, doc.document.size, mock.uploads[-1][0])
client.update_note("s1", {"note": "fragile", "tags": ["a", "b"]})
client.update_note("s1", {})
print(mock.uploads[-2][1:], mock.uploads[-1][1:])
from multipartupload_client.testing import Fault
scan = io.BytesIO(b"\\x89PNG retried")
scan.name = "r.png"
mock.faults.statuses += [Fault(503, "0"), Fault(429, "0")]  # the read file is sent again, whole
before = len(mock.requests)
client.upload_label("s1", label=scan)
print(len(mock.requests) - before, [(f.filename, f.content) for f in mock.uploads[-1][2]])
""",
    )
    assert out.splitlines() == [
        "customs 2 c.pdf application/pdf 14",
        "upload_document {'kind': 'customs', 'copies': '2'}"
        " [('document', 'c.pdf', b'%PDF-1.4 label', 'application/pdf')]",
        "scan.png image/png",
        "[('document', 'image/png'), ('thumbnail', 'image/png')]",
        "[('label', 'label', b'ZPL^XA', 'application/octet-stream')]",
        "[('/document', 'enum'), ('/kind', 'enum'), ('/note', 'maxLength')]",
        "[('/document', 'maxLength'), ('/kind', 'enum'), ('/note', 'maxLength'),"
        " ('/thumbnail', 'enum')]",
        "[('/document', 'type'), ('/kind', 'enum'), ('/note', 'maxLength')]",
        "[('/document', 'type'), ('/kind', 'enum'), ('/note', 'maxLength')]",
        "[('/label', 'required', \"the file part 'label' is required\")]",
        "True",
        "400 {'error': 'validation',"
        " 'messages': [\"content type 'text/plain' is not one of application/pdf, image/png\"]}",
        "[('/copies', 'provider')]",
        "[('/note', 'provider')]",
        "415",
        "400 {'error': 'validation', 'messages':"
        " ['unknown file part: the document does not list it',"
        " \"the file part 'label' is required\"]}",
        "invoice a.pdf 14 upload_document",
        "({'note': 'fragile', 'tags': '[\"a\",\"b\"]'}, []) ({}, [])",
        "3 [('r.png', b'\\x89PNG retried')]",
    ]


def test_multipart_openapi_is_one_object_of_every_part(tmp_path: Path) -> None:
    """Text parts and file parts in one schema (binary files), each file's media types."""
    package = generate(Path(__file__).parent / "specs" / "multipartupload.yaml", tmp_path)
    document = json.loads((package / "openapi.json").read_text("utf-8"))
    upload = document["paths"]["/shipments/{id}/documents"]["post"]["requestBody"]
    media = upload["content"]["multipart/form-data"]
    schema = media["schema"]
    assert list(schema["properties"]) == ["kind", "note", "copies", "document", "thumbnail"]
    assert schema["properties"]["document"] == {
        "type": "string",
        "format": "binary",
        "description": "The scanned document.",
        "maxLength": 1000,
    }
    assert (schema["required"], schema["additionalProperties"]) == (["kind", "document"], False)
    assert media["encoding"] == {
        "document": {"contentType": "application/pdf, image/png"},
        "thumbnail": {"contentType": "image/png"},
    }
    label = document["paths"]["/shipments/{id}/label"]["put"]["requestBody"]["content"]
    assert label["multipart/form-data"] == {
        "schema": {
            "type": "object",
            "properties": {"label": {"type": "string", "format": "binary"}},
            "required": ["label"],
        }
    }
    readme = (package / "README.md").read_text("utf-8")
    assert "`document` (required; application/pdf, image/png; at most 1000 bytes)" in readme


def test_the_multipart_package_is_lint_and_type_clean(tmp_path: Path) -> None:
    """The upload runtime, its mock and its generated tests are held to --strict and ruff."""
    package = generate(Path(__file__).parent / "specs" / "multipartupload.yaml", tmp_path)
    sources = [str(package / "multipartupload_client"), str(package / "tests")]
    for command in (
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *sources],
        [sys.executable, "-m", "ruff", "check", "--no-cache", *sources],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_file_part_changes_are_versioned_by_what_they_refuse(tmp_path: Path) -> None:
    """A new required part breaks callers; more media types for a part is a feature."""
    spec = Path(__file__).parent / "specs" / "multipartupload.yaml"
    package = generate(spec, tmp_path)
    copied = tmp_path / "specs" / spec.name
    copied.write_text(
        copied.read_text("utf-8").replace(
            "      thumbnail: {content_types: [image/png]}\n",
            "      thumbnail: {content_types: [image/png, image/jpeg]}\n"
            "      invoice: {required: true}\n",
        ),
        "utf-8",
    )
    assert main(["--project", str(tmp_path), "generate", spec.stem]) == 0
    changelog = (package / "CHANGELOG.md").read_text("utf-8")
    newest = changelog.split("\n## ")[1]
    assert newest.splitlines()[0] == "2.0.0"
    assert "- operation upload_document: new file part 'invoice'" in newest.split("### Features")[0]
    assert (
        "- operation upload_document: file part 'thumbnail' media types now image/png, image/jpeg"
        in newest.split("### Features")[1]
    )
