import Foundation

/// One MCP server to take tools from: a Streamable HTTP URL with headers, or a command to run
/// over stdio. Header values, and a URL that carries its token (Truto's), are secrets.
public struct MCPServerConfig: Sendable, Equatable {
    public enum Transport: Sendable, Equatable {
        case http(url: String, headers: [String: String])
        case stdio(command: [String])
    }

    /// Whether wixagent starts the server as a process of its own (stdio).
    public var startsProcess: Bool {
        if case .stdio = transport { true } else { false }
    }

    /// The source's name tools are tagged with (and prefixed by on a clash).
    public var name: String
    public var transport: Transport
    /// The URL holds a secret (`TRUTO_MCP_URL`): it is shown with its path elided.
    public var urlIsSecret: Bool
    /// The environment variables its header values come from (`headers_env`).
    public var headerVariables: Set<String> = []

    public init(name: String, transport: Transport, urlIsSecret: Bool = false) {
        self.name = name
        self.transport = transport
        self.urlIsSecret = urlIsSecret
    }

    /// How lines and the status bar show where the source is, without its secrets.
    public var display: String {
        switch transport {
        case .http(let url, _):
            guard urlIsSecret else { return url }
            return Self.elided(url)
        case .stdio(let command):
            return command.joined(separator: " ")
        }
    }

    /// Every secret value this source carries, for scrubbing output.
    public var secrets: [String] {
        switch transport {
        case .http(let url, let headers):
            // A header's whole value, and its token without a scheme word (`Bearer …`).
            let values = headers.values.flatMap { value in [value] + value.split(separator: " ").map(String.init).filter { $0.count >= 12 } }
            return (urlIsSecret ? [url] + Self.pathSegments(url) : []) + values
        case .stdio:
            return []
        }
    }

    /// `https://host/…`: scheme and host, the path (which carries the token) elided.
    static func elided(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "…" }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" }
        return url[..<schemeEnd.upperBound] + host + "/…"
    }

    static func pathSegments(_ url: String) -> [String] {
        guard let schemeEnd = url.range(of: "://") else { return [] }
        return url[schemeEnd.upperBound...].split(whereSeparator: { "/?&=".contains($0) }).dropFirst().map(String.init).filter { $0.count >= 8 }
    }
}

extension MCPServerConfig {
    /// The MCP sources a run has: `[[mcp]]` entries, `TRUTO_MCP_URL` (named `truto-mcp`), and
    /// each `--mcp URL` (named by its host:port, with `Authorization: Bearer $WIXAGENT_MCP_TOKEN`
    /// when that is set). Names must differ from each other and from `sandbox` and `truto`.
    public static func resolve(flags: [String], environment env: [String: String], file: [ConfigFile.MCPEntry]) throws(ConfigError) -> [MCPServerConfig] {
        let layers = SettingLayers(environment: env)
        func envValue(_ key: String) -> String? { layers.env(key) }
        var servers: [MCPServerConfig] = []
        for (offset, entry) in file.enumerated() {
            let place = "[[mcp]] entry \(offset + 1)"
            guard let name = entry.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw ConfigError("\(place) needs a name")
            }
            switch (entry.url, entry.command) {
            case (let url?, nil):
                try checkURL(url, "\(place) (\(name))")
                var headers: [String: String] = [:]
                for (header, variable) in entry.headersEnv ?? [:] {
                    guard let value = envValue(variable) else {
                        throw ConfigError("MCP source \(name) sends header \(header) from $\(variable), which is not set")
                    }
                    headers[header] = value
                }
                var server = MCPServerConfig(name: name, transport: .http(url: url, headers: headers))
                server.headerVariables = Set((entry.headersEnv ?? [:]).values)
                servers.append(server)
            case (nil, let command?):
                guard !(command.first ?? "").isEmpty else { throw ConfigError("\(place) (\(name)) has an empty command") }
                servers.append(MCPServerConfig(name: name, transport: .stdio(command: command)))
            default:
                throw ConfigError("\(place) (\(name)) needs exactly one of url and command")
            }
        }
        if let url = envValue("TRUTO_MCP_URL") {
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw ConfigError("TRUTO_MCP_URL is not an http(s) URL")
            }
            servers.append(MCPServerConfig(name: "truto-mcp", transport: .http(url: url, headers: [:]), urlIsSecret: true))
        }
        let token = envValue("WIXAGENT_MCP_TOKEN")
        for url in flags {
            try checkURL(url, "--mcp")
            servers.append(MCPServerConfig(name: hostPort(url), transport: .http(url: url, headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])))
        }
        var names: Set<String> = ["sandbox", "truto"]
        for server in servers where !names.insert(server.name).inserted {
            throw ConfigError("two tool sources are named \(server.name); give each [[mcp]] entry its own name")
        }
        return servers
    }

    private static func checkURL(_ url: String, _ place: String) throws(ConfigError) {
        guard let parsed = URLComponents(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false else {
            throw ConfigError("\(place): \"\(TerminalText.safe(String(url.prefix(200))))\" is not an http(s) URL")
        }
    }

    /// `host:port` of a URL (the host alone when it names no port).
    static func hostPort(_ url: String) -> String {
        let parsed = URLComponents(string: url)
        let host = parsed?.host ?? url
        return parsed?.port.map { "\(host):\($0)" } ?? host
    }
}
