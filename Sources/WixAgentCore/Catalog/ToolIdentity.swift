/// Which tool a decision was made on: its source, its name there, and a fingerprint of what it
/// said about itself (resource, method, schemas, MCP annotations). A rename in the catalog
/// (`sandbox__wix_orders_cancel`) keeps the identity; another source's tool of the same name, or
/// the same tool with another schema or annotations after a reload, is another identity.
/// Decisions and grants hold only for the identity they were made on (docs/GUARANTEES.md).
public struct ToolIdentity: Sendable, Hashable, Codable {
    /// The source the tool comes from and runs on (`sandbox`, `truto`, an MCP source's name).
    public var source: String
    /// The tool's name at its source.
    public var remoteName: String
    /// 64 bits of FNV-1a over the tool's own description, as 16 hex digits; empty when unknown.
    public var fingerprint: String

    public init(source: String, remoteName: String, fingerprint: String) {
        self.source = source
        self.remoteName = remoteName
        self.fingerprint = fingerprint
    }

    /// `source:name#fingerprint`, as the store keeps it.
    public var key: String { "\(source):\(remoteName)#\(fingerprint)" }

    /// The identity a stored key names; nil for text that is not one.
    public init?(key: String) {
        guard let hash = key.lastIndex(of: "#"), let colon = key[..<hash].firstIndex(of: ":") else { return nil }
        self.init(source: String(key[..<colon]), remoteName: String(key[key.index(after: colon)..<hash]),
                  fingerprint: String(key[key.index(after: hash)...]))
    }

    /// The names a rule, a list entry or `--allow` may give the tool: its plain name (every
    /// source's tool of that name), `source:name` (this source's only), and its catalog name
    /// (which is `source__name` when two sources offer the name).
    /// A remote name that reads like one of the other forms (it holds `:` or `__`) is not taken
    /// as a plain name: a server cannot call its tool `sandbox:wix_orders_cancel` to be covered
    /// by a rule meant for the sandbox's. The `source__name` form covers the tool whether or not
    /// the catalog renamed it now.
    public func names(catalogName: String) -> Set<String> {
        var names: Set<String> = [catalogName, "\(source):\(remoteName)", ToolCatalog.safeName(source) + "__" + remoteName]
        if !remoteName.contains(":"), !remoteName.contains("__") { names.insert(remoteName) }
        return names
    }
}

extension Tool {
    /// The tool's identity (`ToolIdentity`).
    public var identity: ToolIdentity {
        var text: String
        switch kind {
        case .proxy(let method):
            text = [source, remoteName, method.resource, method.method, inputSchema.compactText].joined(separator: "\u{1F}")
        case .mcp(let traits):
            // The empty resource and `tools/call` keep the fingerprints of grants stored before tools had kinds.
            text = [source, remoteName, "", "tools/call", inputSchema.compactText,
                    traits.outputSchema?.compactText ?? "-", traits.title ?? "-", Self.flag(traits.readOnlyHint), Self.flag(traits.destructiveHint)]
                .joined(separator: "\u{1F}")
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return ToolIdentity(source: source, remoteName: remoteName, fingerprint: hash.paddedHex)
    }

    private static func flag(_ value: Bool?) -> String {
        value.map { $0 ? "1" : "0" } ?? "-"
    }
}
