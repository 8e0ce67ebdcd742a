"""The API reference page (``/docs``) from the OpenAPI schema, offline: descriptions are
rendered Markdown (raw HTML in them is escaped, links are checked by markdown-it), and each
request body lists its fields with type, whether required, and description."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markupsafe import Markup


@lru_cache(maxsize=1)
def _md() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False})


def markdown(text: str) -> Markup:
    """Markdown -> HTML (safe: ``html`` is off, so markup in the text is shown as text)."""
    return Markup(_md().render(text or ""))  # noqa: S704 - markdown-it escapes everything it does not render


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        return dict(root.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[1], {}))
    return schema


def type_name(schema: dict[str, Any], root: dict[str, Any]) -> str:
    """A short type: ``string``, ``boolean``, ``array of string``, ``string or null``…"""
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        return " or ".join(dict.fromkeys(type_name(s, root) for s in schema["anyOf"]))
    kind = schema.get("type")
    if kind == "array":
        return f"array of {type_name(schema.get('items', {}), root)}"
    if schema.get("format") == "binary":
        return "file"
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    return str(kind or schema.get("title") or "object")


def body_fields(op: dict[str, Any], root: dict[str, Any]) -> tuple[str | None, list[dict[str, Any]]]:
    """(media type, fields) of an operation's request body; (None, []) without one."""
    content = (op.get("requestBody") or {}).get("content") or {}
    if not content:
        return None, []
    media, spec = next(iter(content.items()))
    schema = _resolve(spec.get("schema") or {}, root)
    required = set(schema.get("required") or [])
    fields = []
    for name, prop in (schema.get("properties") or {}).items():
        prop = _resolve(prop, root)
        fields.append(
            {
                "name": name,
                "type": type_name(prop, root),
                "required": name in required,
                "default": prop.get("default"),
                "description": markdown(prop.get("description", "")),
            }
        )
    return media, fields


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the schema, ready for the template."""
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "type": type_name(p.get("schema", {}), schema),
                    "description": markdown(p.get("description", "")),
                }
                for p in op.get("parameters", [])
            ]
            media, fields = body_fields(op, schema)
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": markdown(op.get("description", "")),
                    "params": params,
                    "body": media is not None,
                    "media": media,
                    "fields": fields,
                }
            )
    return ops
