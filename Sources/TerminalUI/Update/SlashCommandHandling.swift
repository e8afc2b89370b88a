import Foundation
import WixAgentCore

/// The slash commands of the input line.
enum SlashCommandHandling {
    static let names = ["/help", "/tools", "/call", "/approval", "/model", "/clear", "/compact", "/context", "/sessions", "/grants", "/undo", "/resend", "/audit", "/quit"]

    static func run(_ line: String, _ s: inout AppState) -> [Command] {
        let parts = line.split(separator: " ", maxSplits: 1)
        let name = String(parts[0])
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "/help":
            s.overlay = .help(scroll: 0)
        case "/tools":
            s.overlay = .schemaBrowser(SchemaBrowserState(filter: argument))
        case "/call":
            guard !argument.isEmpty else {
                s.addEntry(.error, "Usage: /call NAME {json arguments}")
                return []
            }
            return KeyHandling.sendTurn(line, &s)
        case "/approval":
            guard let policy = ApprovalPolicy(rawValue: argument) else {
                s.addEntry(.error, "Usage: /approval \(ApprovalPolicy.allCases.map(\.rawValue).joined(separator: "|")) (now \(s.status.policy.rawValue))")
                return []
            }
            s.status.policy = policy
            s.addEntry(.notice, "Approval policy: \(policy.rawValue)")
            return [.setPolicy(policy)]
        case "/model":
            guard !argument.isEmpty else {
                s.addEntry(.error, "Usage: /model NAME (now \(s.status.modelLabel))")
                return []
            }
            return [.setModel(argument)]
        case "/clear":
            guard !s.turnRunning else {
                s.addEntry(.error, "The agent is still working; press Esc to interrupt it before /clear.")
                return []
            }
            s.clearTranscript()
            s.addEntry(.notice, "Conversation cleared.")
            return [.clearConversation]
        case "/context":
            guard let usage = s.status.context else {
                s.addEntry(.notice, "No request has been sent to the model yet: /context shows what the last one held.")
                return []
            }
            s.addEntry(.notice, usage.lines.joined(separator: "\n"))
        case "/compact":
            guard !s.turnRunning else {
                s.addEntry(.error, "The agent is still working; press Esc to interrupt it before /compact.")
                return []
            }
            s.addEntry(.notice, "Compacting the conversation the model sees" + (argument.isEmpty ? "…" : " with the focus \"\(argument)\"…"))
            return [.compact(focus: argument.isEmpty ? nil : argument)]
        case "/sessions":
            return SessionPickerHandling.open(filter: argument, &s)
        case "/audit":
            return [.loadAudit]
        case "/undo":
            return UndoHandling.propose(argument, &s)
        case "/resend":
            return ResendHandling.propose(&s)
        case "/grants":
            if argument == "restore" {
                guard !s.offeredGrants.isEmpty else {
                    s.addEntry(.error, "There are no grants of a resumed session to restore.")
                    return []
                }
                // Only a grant whose tool is still the same one comes back (source, name, schema).
                let still = s.offeredGrants.filter { s.tool(named: $0.tool)?.identity == $0.identity }
                let dropped = s.offeredGrants.filter { s.tool(named: $0.tool)?.identity != $0.identity }
                s.fold(.grantsRestored(still))
                s.offeredGrants = []
                if !still.isEmpty { s.addEntry(.notice, "Grants restored: \(still.map(\.tool).joined(separator: ", ")).") }
                for grant in dropped {
                    let why = s.tool(named: grant.tool) == nil ? "the catalog has no tool of that name now"
                        : "the tool of that name is not the one it was given for (another source, schema or annotations)"
                    s.addEntry(.error, "Grant for \(grant.tool) not restored: \(why).")
                }
                return still.isEmpty ? [] : [.restoreGrants(still)]
            }
            s.overlay = .grants(selected: 0)
        case "/quit", "/exit":
            return QuitHandling.request(&s)
        default:
            s.addEntry(.error, "Unknown command \(name); commands: \(names.joined(separator: " "))")
        }
        return []
    }
}
