"""The carrier constructs (issue 14, part 3): one small spec each under tests/specs/.

Each spec is generated into tmp_path and its generated tests run (pytest in a
subprocess) against its generated mock, which plays the construct. The tests
below then drive each construct through the generated client over HTTP to a
mock served by uvicorn on 127.0.0.1.
"""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml

from generator.cli.main import main
from tests.serving import Served

SPECS = Path(__file__).parent / "specs"
CARRIER_SPECS = sorted(SPECS.glob("carrier_*.yaml"))


def _provider(spec: Path) -> str:
    return str(yaml.safe_load(spec.read_text("utf-8"))["provider"])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every carrier spec, generated once into one throwaway project."""
    root = tmp_path_factory.mktemp("carrier")
    (root / "specs").mkdir()
    for spec in CARRIER_SPECS:
        shutil.copy(spec, root / "specs" / f"{_provider(spec)}.yaml")
    assert main(["--project", str(root), "generate"]) == 0
    return root


@pytest.mark.parametrize("spec", CARRIER_SPECS, ids=lambda p: p.stem)
def test_generated_tests_pass_against_the_generated_mock(spec: Path, project: Path) -> None:
    package = project / "generated" / _provider(spec)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(package)],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert " passed" in run.stdout


def _load(project: Path, provider: str) -> Iterator[ModuleType]:
    path = str(project / "generated" / provider)
    sys.path.insert(0, path)
    try:
        yield importlib.import_module(f"{provider}_client")
    finally:
        sys.path.remove(path)
        for name in [n for n in sys.modules if n.split(".")[0] == f"{provider}_client"]:
            del sys.modules[name]


@pytest.fixture
def carrierbase(project: Path) -> Iterator[ModuleType]:
    yield from _load(project, "carrierbase")


@pytest.fixture
def carrierdelete(project: Path) -> Iterator[ModuleType]:
    yield from _load(project, "carrierdelete")


@pytest.fixture
def carrierrules(project: Path) -> Iterator[ModuleType]:
    yield from _load(project, "carrierrules")


def _served(package: ModuleType) -> Served:
    testing = importlib.import_module(f"{package.__name__}.testing")
    return Served(testing.MockProvider().app)


# -- defects ---------------------------------------------------------------


def test_a_base_path_is_sent_and_expected(carrierbase: ModuleType) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"orders": []})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with carrierbase.Client(http_client=http) as client:
        client.order_status(body=[{"reference": "R-1", "country": "NL", "weight": 1}])
    assert str(seen[0].url) == "https://api.carrier.example/api/v1/orders/status"


def test_a_200_echoing_a_refused_order_reaches_the_caller(carrierbase: ModuleType) -> None:
    """Limits are for requests: the echo breaks five of them and still parses."""
    with _served(carrierbase) as served, carrierbase.Client(base_url=served.url) as client:
        answer = client.order_status(body=[{"reference": "R-1", "country": "NL", "weight": 1.5}])
    [failed] = answer.failed_orders
    assert failed.errors == ["Reference is too long"]
    assert failed.order.country == "nl" and failed.order.service == "SAME_DAY"
    assert len(failed.order.reference) > 40 and failed.order.weight == 99


def test_types_still_hold_in_responses(carrierbase: ModuleType) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"orders": [{"reference": 7, "status": "CREATED"}]})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    mismatch = pytest.raises(carrierbase.APIResponseValidationError, match="/orders/0/reference")
    with carrierbase.Client(http_client=http) as client, mismatch:
        client.order_status(body=[{"reference": "R-1", "country": "NL", "weight": 1}])


def test_requests_are_still_judged_on_limits(carrierbase: ModuleType) -> None:
    problems = carrierbase.validate(
        "order_status", [{"reference": "x" * 41, "country": "nl", "weight": 99}]
    )
    assert {p.rule for p in problems} == {"maxLength", "pattern", "maximum"}


@pytest.mark.parametrize("operation", ["label_text", "label_note"])
def test_text_responses_are_str(carrierbase: ModuleType, operation: str) -> None:
    with _served(carrierbase) as served, carrierbase.Client(base_url=served.url) as client:
        text = getattr(client, operation)("R-1")
        raw = getattr(client.with_raw_response, operation)("R-1")
    assert isinstance(text, str) and text
    assert raw.parsed == text and raw.content.decode() == text
    assert raw.headers["content-type"].startswith("text/plain")


# -- mock delete -----------------------------------------------------------


def test_a_deleted_shipment_leaves_reads_and_lists(carrierdelete: ModuleType) -> None:
    with _served(carrierdelete) as served, carrierdelete.Client(base_url=served.url) as client:
        first = client.create_shipment(body={"reference": "A"})
        second = client.create_shipment(body={"reference": "B"})
        client.cancel_shipment(first.id)
        with pytest.raises(carrierdelete.NotFoundError):
            client.get_shipment(first.id)
        assert client.get_shipment(second.id).reference == "B"
        assert [s.id for s in client.list_shipments().shipments] == [second.id]
        with pytest.raises(carrierdelete.NotFoundError):
            client.cancel_shipment(first.id)


# -- conditions ------------------------------------------------------------


def _rules(payload: dict[str, Any], carrierrules: ModuleType) -> list[tuple[str, str, str]]:
    problems = carrierrules.validate("update_parcel", payload)
    return [(p.pointer, p.rule, p.field or p.message) for p in problems]


def test_a_rule_with_two_clauses_fires_only_when_both_hold(carrierrules: ModuleType) -> None:
    assert _rules({"status": "SHIPPED"}, carrierrules) == []
    assert _rules({"status": "NEW", "trackingNumber": "T1"}, carrierrules) == []
    assert _rules({"status": "SHIPPED", "trackingNumber": "T1"}, carrierrules) == [
        ("", "conditional", "carrier"),
        ("", "conditional", "shippedAt"),
        ("", "conditional", "trackingUrl"),
    ]
    shipped = {"status": "SHIPPED", "trackingNumber": "T"}
    [first, *_] = carrierrules.validate("update_parcel", shipped)
    assert first.message == (
        "missing required field 'carrier' (required when 'status' is 'SHIPPED'"
        " and 'trackingNumber' is present)"
    )


def test_the_json_schema_says_the_same(carrierrules: ModuleType, project: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource

    schemas = project / "generated" / "carrierrules" / "carrierrules_client" / "schemas"
    schema = json.loads((schemas / "update_parcel.request.json").read_text("utf-8"))
    types = json.loads((schemas / "types.json").read_text("utf-8"))  # where the $ref points
    registry: Registry[Any] = Registry().with_resource(types["$id"], Resource.from_contents(types))
    for payload in (
        {"status": "SHIPPED"},
        {"status": "NEW", "trackingNumber": "T1"},
        {"status": "SHIPPED", "trackingNumber": "T1"},
        {"status": "NEW", "returnReason": "x"},
        {"status": "RETURNED", "returnReason": "x"},
    ):
        valid = jsonschema.Draft202012Validator(schema, registry=registry).is_valid(payload)
        assert valid == (carrierrules.validate("update_parcel", payload) == []), payload


# -- multipleOf and open enums ---------------------------------------------


@pytest.fixture
def carriermoney(project: Path) -> Iterator[ModuleType]:
    yield from _load(project, "carriermoney")


def _money(carriermoney: ModuleType, **fields: Any) -> list[tuple[str, str]]:
    payload = {"value": 1, "service": "STANDARD", **fields}
    return [(p.pointer, p.rule) for p in carriermoney.validate("declare", payload)]


@pytest.mark.parametrize("value", [19.99, 0.07, 1234567.89, 3, 0])
def test_money_in_cents_is_judged_in_decimal(carriermoney: ModuleType, value: float) -> None:
    assert _money(carriermoney, value=value) == []


@pytest.mark.parametrize("value", [19.999, 0.1 + 0.2, 1e-9])
def test_money_finer_than_a_cent_is_refused(carriermoney: ModuleType, value: float) -> None:
    assert _money(carriermoney, value=value) == [("/value", "multipleOf")]


def test_integer_steps(carriermoney: ModuleType) -> None:
    assert _money(carriermoney, boxes=15) == []
    assert _money(carriermoney, boxes=7) == [("/boxes", "multipleOf")]


def test_an_open_enum_takes_custom_names_but_not_other_types(carriermoney: ModuleType) -> None:
    assert _money(carriermoney, service="MY-CUSTOM-SERVICE") == []
    assert _money(carriermoney, service=5) == [("/service", "type")]


def test_the_mock_refuses_what_the_client_would(carriermoney: ModuleType) -> None:
    with (
        _served(carriermoney) as served,
        carriermoney.Client(base_url=served.url, validate=False) as client,
    ):
        assert client.declare(body={"value": 19.99, "service": "OWN"}).value == 19.99
        with pytest.raises(carriermoney.BadRequestError) as refused:
            client.declare(body={"value": 19.999, "service": "OWN"})
    assert "multiple of 0.01" in str(refused.value)


def test_the_export_says_multiple_of_and_extensible_enum(project: Path) -> None:
    exported = yaml.safe_load(
        (project / "generated" / "carriermoney" / "openapi.yaml").read_text("utf-8")
    )
    schema = exported["components"]["schemas"]["Declaration"]["properties"]
    assert schema["value"]["multipleOf"] == 0.01
    assert schema["service"]["x-extensible-enum"] == ["STANDARD", "EXPRESS"]
    assert "enum" not in schema["service"]


# -- a parameter required when another has a value -------------------------


@pytest.fixture
def carrierparams(project: Path) -> Iterator[ModuleType]:
    yield from _load(project, "carrierparams")


def test_a_parcel_rate_needs_its_weight(carrierparams: ModuleType) -> None:
    mock = importlib.import_module("carrierparams_client.testing").MockProvider()
    with Served(mock.app) as served, carrierparams.Client(base_url=served.url) as client:
        assert client.get_rate(kind="letter").price > 0  # the mock answers the first example
        assert client.get_rate(kind="parcel", weight=2).price > 0
        with pytest.raises(carrierparams.ValidationError) as refused:
            client.get_rate(kind="parcel")
        assert len(mock.requests) == 2, "a refused call never leaves the client"
        unchecked = carrierparams.Client(base_url=served.url, validate=False)
        with unchecked, pytest.raises(carrierparams.BadRequestError) as rejected:
            unchecked.get_rate(kind="parcel")
    assert "required when 'type' is 'parcel'" in str(rejected.value)
    [problem] = refused.value.problems
    assert (problem.pointer, problem.rule, problem.field) == ("/weight", "conditional", "weight")
    assert (
        problem.message == "missing required parameter 'weight' (required when 'type' is 'parcel')"
    )


# -- batches with per-item failures ----------------------------------------


@pytest.fixture
def carrierbatch(project: Path) -> Iterator[ModuleType]:
    yield from _load(project, "carrierbatch")


def test_a_batch_answer_surfaces_refused_items_typed(carrierbatch: ModuleType) -> None:
    orders = [
        {"reference": "R-1", "weight": 1.25},
        {"reference": "x" * 41, "weight": 2},
        {"reference": "R-3", "weight": 0.333},
    ]
    with (
        _served(carrierbatch) as served,
        carrierbatch.Client(base_url=served.url, validate=False) as client,
    ):
        with pytest.warns(carrierbatch.PartialSuccessWarning, match="2 item"):
            result = client.create_orders(body=orders)
        failures = carrierbatch.partial_failures(result)
        assert (result.success_count, result.errors_count) == (1, 2)
        [created] = result.created_orders
        assert client.get_order(created.id).reference == "R-1"
    assert [f.item.reference for f in failures] == ["x" * 41, "R-3"]
    assert isinstance(failures[0].item, carrierbatch.models.Order)
    assert failures[0].messages == ["must be 1 to 40 characters (got 41)"]
    assert failures[1].messages == ["must be a multiple of 0.01 (got 0.333)"]


def test_a_whole_success_has_no_failures_and_no_warning(carrierbatch: ModuleType) -> None:
    with (
        _served(carrierbatch) as served,
        carrierbatch.Client(base_url=served.url) as client,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("error")
        result = client.create_orders(body=[{"reference": "R-1", "weight": 1}])
    assert carrierbatch.partial_failures(result) == []
    assert result.errors_count == 0


def test_the_client_still_refuses_a_broken_batch_before_sending(carrierbatch: ModuleType) -> None:
    with pytest.raises(carrierbatch.ValidationError) as refused:
        carrierbatch.Client().create_orders(body=[{"reference": "", "weight": 1}])
    assert [p.pointer for p in refused.value.problems] == ["/0/reference"]


def test_the_carrier_packages_are_lint_and_type_clean(project: Path) -> None:
    """The constructs' runtime code (partial failures, text answers...) is held to --strict."""
    packages = [str(p / f"{p.name}_client") for p in sorted((project / "generated").iterdir())]
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *packages],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert typed.returncode == 0, typed.stdout[-3000:]
    linted = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", *packages],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert linted.returncode == 0, linted.stdout[-3000:]


# -- a list inside a path segment ------------------------------------------


@pytest.fixture
def carrierpath(project: Path) -> Iterator[ModuleType]:
    yield from _load(project, "carrierpath")


def test_a_path_list_is_quoted_separated_and_never_double_encoded(carrierpath: ModuleType) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[])

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with carrierpath.Client(http_client=http) as client:
        client.get_statuses(["ref", 1001, "Ref%3BWith%3BSemicolons", 'a;b "q" 50%'])
    assert seen[0].url.raw_path == (
        b"/api/v1/orders/%22ref%22;1001;%22Ref%3BWith%3BSemicolons%22;%22a%3Bb%20%22q%22%2050%25%22"
    )


def test_each_item_is_validated(carrierpath: ModuleType) -> None:
    problems = carrierpath.validate_params("get_statuses", {"refs": ["x" * 31, True]})
    assert [(p.pointer, p.rule) for p in problems] == [
        ("/refs/0", "maxLength"),
        ("/refs/1", "type"),
    ]
    assert [p.rule for p in carrierpath.validate_params("get_statuses", {"refs": []})] == [
        "minItems"
    ]


def test_an_empty_list_never_drops_the_segment(carrierpath: ModuleType) -> None:
    client = carrierpath.Client(base_url="http://127.0.0.1:9", validate=False)
    with client, pytest.raises(carrierpath.ValidationError, match="path segment"):
        client.get_statuses([])


def test_the_mock_reads_the_list_back(carrierpath: ModuleType) -> None:
    mock = importlib.import_module("carrierpath_client.testing").MockProvider()
    with Served(mock.app) as served:
        with carrierpath.Client(base_url=served.url) as client:
            assert client.get_statuses(["ref", 1001, "Ref%3BWith%3BSemicolons"])
        unchecked = carrierpath.Client(base_url=served.url, validate=False)
        with unchecked, pytest.raises(carrierpath.BadRequestError) as refused:
            unchecked.get_statuses(["ok", "x" * 31])
    assert mock.requests[0] == ("GET", '/orders/"ref";1001;"Ref;With;Semicolons"')
    assert "at most 30" in str(refused.value) or "1 to 30" in str(refused.value)


def test_the_export_describes_the_list(project: Path) -> None:
    exported = yaml.safe_load(
        (project / "generated" / "carrierpath" / "openapi.yaml").read_text("utf-8")
    )
    [parameter] = exported["paths"]["/orders/{refs}"]["get"]["parameters"]
    assert parameter["schema"]["type"] == "array"
    assert parameter["x-shipspec-list"] == {"separator": ";", "quote": '"'}


def test_diff_notices_a_new_conditional_parameter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "specs").mkdir()
    spec = tmp_path / "specs" / "carrierparams.yaml"
    text = (SPECS / "carrier_params.yaml").read_text("utf-8")
    spec.write_text(text.replace(", required_when: {param: type, in: [parcel]}", ""), "utf-8")
    assert main(["--project", str(tmp_path), "generate"]) == 0
    spec.write_text(text, "utf-8")
    capsys.readouterr()
    assert main(["--project", str(tmp_path), "diff", "carrierparams"]) == 1
    out = capsys.readouterr().out
    assert "breaking: operation get_rate: parameter weight: required when changed" in out
