import ArgumentParser
import WixSandbox

/// Tool names for shell completion (`tools show`, `--allow`): the sandbox's catalog, which is
/// known without a network call; a Truto account's or MCP server's names are `tools list`'s.
enum ToolNames {
    static let completion = CompletionKind.custom { _, _, prefix in
        SandboxServer.toolNames.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
