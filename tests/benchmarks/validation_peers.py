"""Pre-send validation of the documented Novatech place-order payload, beside its peers."""

import copy
import json
import sys
import timeit
from pathlib import Path
from typing import Annotated, Any

Row = dict[str, Any]


def _per_call(function: Any, payload: Any) -> float:
    timer = timeit.Timer(lambda: function(payload))
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=5, number=number)) / number


def _payloads(root: Path) -> tuple[Any, Any]:
    data = json.loads((root / "generated/novatech/tests/data.json").read_text("utf-8"))
    valid = next(e["body"] for e in data["examples"] if e["operation"] == "place_order")
    invalid = copy.deepcopy(valid)
    invalid["deliver_to"]["name"] = "Joe"
    invalid["deliver_to"]["address_lines"] = ["1", "2", "3", "4", "5"]
    invalid["order_lines"][0]["quantity"] = "1"
    del invalid["order_number"]
    return valid, invalid


def _bundled(schemas: Path, operation: str) -> Any:
    """The request schema with types.json's `$defs` taken in and its `$ref`s made local.

    fastjsonschema cannot resolve a reference against a URN base (it joins
    with urllib, which leaves `#/$defs/X` unjoined), so it gets one document;
    jsonschema gets the same, so both judge the same text.
    """
    types = json.loads((schemas / "types.json").read_text())
    text = (schemas / f"{operation}.request.json").read_text()
    schema = json.loads(text.replace(f'"{types["$id"]}#', '"#'))
    schema["$defs"] = types["$defs"]
    return schema


def _pydantic() -> Any:
    from pydantic import BaseModel, ConfigDict, Field, ValidationError

    class Strict(BaseModel):
        model_config = ConfigDict(strict=True, extra="forbid")

    class DeliverTo(Strict):
        name: Annotated[str, Field(min_length=5, max_length=30)]
        address_lines: Annotated[
            list[Annotated[str, Field(max_length=30)]], Field(min_length=2, max_length=4)
        ]
        postal_code: Annotated[str, Field(max_length=8)]
        email_address: Annotated[str, Field(max_length=254)]
        phone_number: Annotated[str, Field(max_length=30)]

    class OrderLine(Strict):
        sku: Annotated[str, Field(max_length=10)]
        quantity: Annotated[int, Field(ge=1)]

    class PlaceOrder(Strict):
        order_number: Annotated[str, Field(max_length=14)]
        deliver_to: DeliverTo
        order_lines: Annotated[list[OrderLine], Field(min_length=1)]

    def check(payload: Any) -> Any:
        try:
            return PlaceOrder.model_validate(payload)
        except ValidationError as error:
            return error.errors()

    return check


def _msgspec() -> Any:
    import msgspec

    class DeliverTo(msgspec.Struct, forbid_unknown_fields=True):
        name: Annotated[str, msgspec.Meta(min_length=5, max_length=30)]
        address_lines: Annotated[
            list[Annotated[str, msgspec.Meta(max_length=30)]],
            msgspec.Meta(min_length=2, max_length=4),
        ]
        postal_code: Annotated[str, msgspec.Meta(max_length=8)]
        email_address: Annotated[str, msgspec.Meta(max_length=254)]
        phone_number: Annotated[str, msgspec.Meta(max_length=30)]

    class OrderLine(msgspec.Struct, forbid_unknown_fields=True):
        sku: Annotated[str, msgspec.Meta(max_length=10)]
        quantity: Annotated[int, msgspec.Meta(ge=1)]

    class PlaceOrder(msgspec.Struct, forbid_unknown_fields=True):
        order_number: Annotated[str, msgspec.Meta(max_length=14)]
        deliver_to: DeliverTo
        order_lines: Annotated[list[OrderLine], msgspec.Meta(min_length=1)]

    def check(payload: Any) -> Any:
        try:
            return msgspec.convert(payload, PlaceOrder)
        except msgspec.ValidationError as error:
            return str(error)  # the first problem only

    return check


def measure(root: Path) -> list[Row]:
    sys.path.insert(0, str(root / "generated" / "novatech"))
    import fastjsonschema
    import jsonschema
    import novatech_client

    schema = _bundled(root / "generated/novatech/novatech_client/schemas", "place_order")
    valid, invalid = _payloads(root)
    assert novatech_client.validate("place_order", valid) == []
    assert len(novatech_client.validate("place_order", invalid)) == 4
    assert novatech_client.validate(
        "place_order", {**valid, "order_lines": [{"sku": "A", "quantity": "1"}]}
    )
    fast = fastjsonschema.compile(schema)
    slow = jsonschema.Draft202012Validator(schema)

    def fast_check(payload: Any) -> Any:
        try:
            return fast(payload)
        except fastjsonschema.JsonSchemaException as error:
            return error.message  # the first problem only

    contenders = {
        "shipspec validate()": lambda p: novatech_client.validate("place_order", p),
        "pydantic model_validate (hand-written, strict)": _pydantic(),
        "msgspec convert (first problem only)": _msgspec(),
        "fastjsonschema (first problem only)": fast_check,
        "jsonschema iter_errors": lambda p: list(slow.iter_errors(p)),
    }
    rows: list[Row] = []
    for label, payload in (("valid", valid), ("invalid, 4 problems", invalid)):
        times = {name: _per_call(check, payload) for name, check in contenders.items()}
        ours = times.pop("shipspec validate()")
        pydantic_time = times["pydantic model_validate (hand-written, strict)"]
        jsonschema_time = times["jsonschema iter_errors"]
        rows.append(
            {
                "measure": f"validate place_order, {label}",
                "seconds": ours,
                "peer": "pydantic model_validate",
                "peer_seconds": pydantic_time,
                "ratio": ours / pydantic_time,
                "target": "<= 1.5 x pydantic",
            }
        )
        rows.append(
            {
                "measure": f"validate place_order, {label}",
                "seconds": ours,
                "peer": "jsonschema iter_errors",
                "peer_seconds": jsonschema_time,
                "ratio": jsonschema_time / ours,
                "target": ">= 30 x faster than jsonschema",
            }
        )
        for name in ("msgspec convert (first problem only)", "fastjsonschema (first problem only)"):
            rows.append(
                {
                    "measure": f"validate place_order, {label}",
                    "seconds": ours,
                    "peer": name,
                    "peer_seconds": times[name],
                    "ratio": ours / times[name],
                }
            )
    return rows
