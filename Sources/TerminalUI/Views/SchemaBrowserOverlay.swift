import WixAgentCore

/// The schema browser: the filtered tool list with badges on the left (above when narrow), the
/// selected tool's description and input schema tree (or raw JSON) beside it, scrollable.
enum SchemaBrowserOverlay {
    static let keys = "type to filter · ↑↓ select · PgUp/PgDn scroll · Tab raw JSON · Esc close"

    static func draw(_ s: AppState, _ browser: SchemaBrowserState, into buf: inout CellBuffer) {
        let tools = browser.matches(in: s.catalog)
        let title = "Tools \(tools.count)/\(s.catalog.count) · filter: \(browser.filter)▏"
        let area = Panel.box(title, footer: keys, in: Panel.overlayArea(s.size), into: &buf)
        guard area.width > 4, area.height > 0 else { return }
        if s.catalog.isEmpty {
            buf.put("The tool catalog is not loaded yet.", row: area.y, col: area.x, role: .dim, limit: area.maxX)
            return
        }
        let wide = area.width >= 70
        let list = wide
            ? Rect(x: area.x, y: area.y, width: min(44, area.width / 3), height: area.height)
            : Rect(x: area.x, y: area.y, width: area.width, height: max(1, min(tools.count, area.height / 3)))
        let detail = wide
            ? Rect(x: list.maxX + 1, y: area.y, width: area.maxX - list.maxX - 1, height: area.height)
            : Rect(x: area.x, y: list.maxY + 1, width: area.width, height: area.maxY - list.maxY - 1)
        let selected = min(browser.selected, max(0, tools.count - 1))
        drawList(tools, selected: selected, in: list, into: &buf)
        if wide {
            for row in area.y..<area.maxY { buf.put("│", row: row, col: list.maxX, role: .border) }
        } else if list.maxY < area.maxY {
            buf.put(String(repeating: "╌", count: area.width), row: list.maxY, col: area.x, role: .border)
        }
        guard !tools.isEmpty, !detail.isEmpty else { return }
        let lines = detailLines(tools[selected], raw: browser.showRaw, width: detail.width)
        let scroll = min(browser.scroll, max(0, lines.count - detail.height))
        for (row, line) in lines.dropFirst(scroll).prefix(detail.height).enumerated() {
            buf.put(line.text, row: detail.y + row, col: detail.x, role: line.role, limit: detail.maxX)
        }
    }

    private static func drawList(_ tools: [Tool], selected: Int, in rect: Rect, into buf: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        if tools.isEmpty {
            buf.put("No tool matches.", row: rect.y, col: rect.x, role: .dim, limit: rect.maxX)
            return
        }
        for (row, i) in ListSelection.visible(selected: selected, count: tools.count, height: rect.height).enumerated() {
            let y = rect.y + row
            if i == selected { buf.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection) }
            let badge = ToolLine.badge(tools[i].access)
            let x = buf.put(badge.text, row: y, col: rect.x, role: badge.role, limit: rect.maxX)
            buf.put(" " + Truncation.truncate(tools[i].name, width: max(0, rect.maxX - x - 1)), row: y, col: x, role: i == selected ? .selection : .normal, limit: rect.maxX)
        }
    }

    static func detailLines(_ tool: Tool, raw: Bool, width: Int) -> [(text: String, role: Role)] {
        var out: [(String, Role)] = []
        func add(_ text: String, _ role: Role, wrap: Bool = true) {
            let lines = wrap ? WordWrap.lines(text, width: width) : WordWrap.hardLines(text, width: width)
            for line in lines { out.append((line, role)) }
        }
        add("\(tool.name) [\(tool.access.rawValue)]", tool.access == .write ? .writeBadge : .readBadge)
        add(tool.origin, .dim)
        if tool.access == .write, let note = tool.destructionNote { add(note, .error) }
        if let note = tool.methodNote { add(note, .dim) }
        add(tool.description, .normal)
        add("", .normal)
        let result = tool.result
        if raw {
            add("Input schema (raw JSON):", .tool)
            add(tool.inputSchema.prettyText, .normal, wrap: false)
            if let result {
                add("\(result.title) schema (raw JSON):", .tool)
                add(result.schema.prettyText, .normal, wrap: false)
            }
        } else {
            add("Input schema (* required):", .tool)
            for line in SchemaOutline(schema: tool.inputSchema).lines { add(line, .normal) }
            if let result {
                add("\(result.title) schema:", .tool)
                for line in SchemaOutline(schema: result.schema).lines { add(line, .normal) }
            }
        }
        return out
    }
}
