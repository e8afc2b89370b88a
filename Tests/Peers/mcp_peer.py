"""A third-party MCP server for the end-to-end tests ("an MCP server this project did not write").

Built on the official Python MCP SDK (mcp==2.3.0) low-level `Server`, so paging, annotations and
deliberately bad results go out exactly as written here:

    python3 Tests/Peers/mcp_peer.py --transport http|stdio [--port N] [--json] [--token T]
                                    [--calls-file PATH] [--page-size 2]

http:  Streamable HTTP at http://127.0.0.1:PORT/mcp (stateful, Mcp-Session-Id); prints one line
       "listening on http://127.0.0.1:PORT/mcp" to stdout when ready. --json answers POSTs with plain
       JSON bodies instead of SSE. --token T answers 401 to any request lacking "Bearer T".
stdio: newline-delimited JSON-RPC on stdin/stdout; diagnostics (and "mcp_peer stdio ready") on stderr.

Tools (tools/list is paged, --page-size per page): list_products, delete_product, get_inventory
(sku "broken" returns structuredContent that violates its outputSchema), get_quota (first call:
HTTP 429 + Retry-After over http, an isError Truto envelope over stdio), search_orders (first call:
isError 429 envelope), confirm_booking (elicitation/create round trip; with --json it goes out on the
GET /mcp stream, 10 s timeout), fail_hard (JSON-RPC error -32000), enable_reports (adds get_report
and sends notifications/tools/list_changed; with --json on the GET /mcp stream too).
"""

import argparse
import asyncio
import json
import signal
import socket
import sys

import mcp_types as types
from mcp.server.lowlevel import Server
from mcp.shared.exceptions import MCPError
from mcp.shared.message import ServerMessageMetadata

ARGS: argparse.Namespace
FIRST_CALL_DONE: set[str] = set()  # tools whose one-time failure has already been served

PRODUCTS = [{"id": "p1", "name": "Mug"}, {"id": "p2", "name": "Poster"}]
RO = types.ToolAnnotations(read_only_hint=True)
NO_ARGS = {"type": "object", "properties": {}}
INVENTORY_SCHEMA = {
    "type": "object",
    "properties": {"sku": {"type": "string"}, "count": {"type": "integer"}},
    "required": ["sku", "count"],
}
BOOKING_FORM = {
    "type": "object",
    "properties": {
        "note": {"type": "string", "title": "Note"},
        "notify": {"type": "boolean", "title": "Notify the customer"},
    },
    "required": ["note"],
}


def obj(props: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": props, **({"required": required} if required else {})}


TOOLS = [
    types.Tool(name="list_products", description="List products in the shop.", annotations=RO,
               input_schema=obj({"limit": {"type": "integer"}})),
    types.Tool(name="delete_product", title="Delete a product", description="Delete a product by id.",
               annotations=types.ToolAnnotations(title="Delete a product", destructive_hint=True,
                                                 read_only_hint=False),
               input_schema=obj({"id": {"type": "string"}}, ["id"])),
    types.Tool(name="get_inventory", description="Stock count for a SKU.", annotations=RO,
               input_schema=obj({"sku": {"type": "string"}}, ["sku"]), output_schema=INVENTORY_SCHEMA),
    types.Tool(name="get_quota", description="Remaining API quota.", annotations=RO, input_schema=NO_ARGS),
    types.Tool(name="search_orders", description="Search orders.", annotations=RO,
               input_schema=obj({"query": {"type": "string"}})),
    types.Tool(name="confirm_booking", description="Confirm a booking after asking the user.",
               input_schema=obj({"booking_id": {"type": "string"}}, ["booking_id"])),
    types.Tool(name="fail_hard", description="Always fails with a JSON-RPC error.", annotations=RO,
               input_schema=NO_ARGS),
    types.Tool(name="enable_reports", description="Adds the get_report tool and says the tool list changed.",
               input_schema=NO_ARGS),
]
REPORT_TOOL = types.Tool(name="get_report", description="A sales report.", annotations=RO, input_schema=NO_ARGS)


def log_call(name: str, arguments: dict | None, refused: bool = False) -> None:
    if not ARGS.calls_file:
        return
    line = {"tool": name, "arguments": arguments or {}, **({"refused": True} if refused else {})}
    with open(ARGS.calls_file, "a") as f:
        f.write(json.dumps(line) + "\n")
        f.flush()


def first_time(tool: str) -> bool:
    if tool in FIRST_CALL_DONE:
        return False
    FIRST_CALL_DONE.add(tool)
    return True


def text(value, *, error: bool = False, structured=None) -> types.CallToolResult:
    body = value if isinstance(value, str) else json.dumps(value)
    return types.CallToolResult(content=[types.TextContent(text=body)], is_error=error,
                                structured_content=structured)


async def list_tools(ctx, params: types.PaginatedRequestParams) -> types.ListToolsResult:
    cursor = params.cursor if params else None
    if cursor is not None and not (cursor.isdigit() and int(cursor) < len(TOOLS)):
        raise MCPError(code=-32602, message=f"Invalid cursor: {cursor!r}")
    start = int(cursor or 0)
    end = start + ARGS.page_size
    return types.ListToolsResult(tools=TOOLS[start:end], next_cursor=str(end) if end < len(TOOLS) else None)


async def call_tool(ctx, params: types.CallToolRequestParams) -> types.CallToolResult:
    name, args = params.name, params.arguments or {}
    if name == "get_quota" and first_time("get_quota"):  # only reachable here over stdio
        log_call(name, args, refused=True)
        return text({"statusCode": 429, "message": "Rate limit exceeded", "headers": {"retry-after": "1"}},
                    error=True)
    log_call(name, args)
    tool = next((t for t in TOOLS if t.name == name), None)
    missing = [k for k in (tool.input_schema.get("required", []) if tool else []) if k not in args]
    if missing:
        return text(f"missing required argument(s): {', '.join(missing)}", error=True)
    if name == "list_products":
        limit = args.get("limit")
        return text({"products": PRODUCTS[:limit] if isinstance(limit, int) else PRODUCTS})
    if name == "delete_product":
        return text(f"deleted {args.get('id')}")
    if name == "get_inventory":
        sku = args.get("sku")
        data = {"sku": 5} if sku == "broken" else {"sku": sku, "count": 7}
        return text(data, structured=data)  # no server-side outputSchema check in the low-level API
    if name == "get_quota":
        return text({"remaining": 41})
    if name == "search_orders":
        if first_time("search_orders"):
            return text({"statusCode": 429, "message": "Rate limit exceeded",
                         "headers": {"ratelimit-reset": "1"}}, error=True)
        return text({"orders": [{"id": "o1", "total": 45}]})
    if name == "confirm_booking":
        return await confirm_booking(ctx, str(args.get("booking_id")))
    if name == "fail_hard":
        raise MCPError(code=-32000, message="the warehouse is offline")
    if name == "enable_reports":
        if REPORT_TOOL not in TOOLS:
            TOOLS.append(REPORT_TOOL)
        # On the call's own stream (SSE) or the pipe (stdio), before the result; with JSON answers
        # there is no such stream, so it goes out on the standalone GET /mcp stream.
        related = ctx.request_id if ctx.session.can_send_request else None
        await ctx.session.send_notification(types.ToolListChangedNotification(), related_request_id=related)
        return text("reports enabled")
    if name == "get_report":
        return text({"sales": 1234})
    raise MCPError(code=-32602, message=f"Unknown tool: {name}")


async def confirm_booking(ctx, booking_id: str) -> types.CallToolResult:
    request = types.ElicitRequest(params=types.ElicitRequestFormParams(
        message=f"Confirm booking {booking_id}?", requested_schema=BOOKING_FORM))
    # SSE / stdio: the request rides the tools/call's own stream. JSON mode has no such stream, so the
    # SDK would raise NoBackChannelError; fall back to the standalone GET /mcp SSE stream instead.
    related = ctx.request_id if ctx.session.can_send_request else None
    try:
        answer = await ctx.session.send_request(request, types.ElicitResult, request_read_timeout_seconds=10,
                                                metadata=ServerMessageMetadata(related_request_id=related))
    except Exception as exc:  # timeout, client error, no channel: report it as a tool error
        return text(f"elicitation failed: {exc!r}", error=True)
    return text({"action": answer.action, "content": answer.content})


def make_server() -> Server:
    return Server("mcp_peer", version="1.0.0", on_list_tools=list_tools, on_call_tool=call_tool)


class PeerMiddleware:
    """ASGI wrapper: bearer-token gate, and the one-time HTTP 429 for get_quota (body re-fed to the app)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        if ARGS.token and headers.get("authorization") != f"Bearer {ARGS.token}":
            return await reply(send, 401, {"error": "unauthorized"}, [(b"www-authenticate", b"Bearer")])
        if scope["method"] != "POST":
            return await self.app(scope, receive, send)
        chunks, more = [], True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        try:
            rpc = json.loads(body)
        except ValueError:
            rpc = None
        if isinstance(rpc, dict) and rpc.get("method") == "tools/call":
            p = rpc.get("params") or {}
            if p.get("name") == "get_quota" and first_time("get_quota"):
                log_call("get_quota", p.get("arguments"), refused=True)
                return await reply(send, 429, {"error": "Rate limit exceeded"}, [(b"retry-after", b"1")])
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def reply(send, status: int, payload: dict, extra: list) -> None:
    body = json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def serve_http() -> None:
    import uvicorn

    app = make_server().streamable_http_app(json_response=ARGS.json, host="127.0.0.1")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", ARGS.port))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(PeerMiddleware(app), log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started and not task.done():
        await asyncio.sleep(0.02)
    if server.started:
        print(f"listening on http://127.0.0.1:{port}/mcp", flush=True)
    await task


async def serve_stdio() -> None:
    from mcp.server.stdio import stdio_server

    server = make_server()
    print("mcp_peer stdio ready", file=sys.stderr, flush=True)
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


def main() -> None:
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transport", choices=["http", "stdio"], required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--token")
    parser.add_argument("--calls-file")
    parser.add_argument("--page-size", type=int, default=2)
    ARGS = parser.parse_args()
    # A launcher may hand down a signal mask that blocks SIGTERM (Foundation's Process does).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    asyncio.run(serve_http() if ARGS.transport == "http" else serve_stdio())


if __name__ == "__main__":
    main()
