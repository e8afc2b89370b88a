import Foundation
import WixAgentCore

/// Why the sandbox could not be set up: bad options, or a stored site that cannot be read or reset.
public struct SandboxSetupError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

/// Where the sandbox keeps its state inside a data directory, and how to restore the seed.
public enum SandboxStore {
    static func file(in dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent("sandbox", isDirectory: true).appendingPathComponent("site.json")
    }

    /// Deletes the stored site so the next start reseeds it. Missing state is not an error.
    public static func reset(dataDirectory: URL) throws {
        let url = file(in: dataDirectory)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw SandboxSetupError(message: "could not delete \(url.path): \(error.localizedDescription)")
        }
    }
}

/// Owns the site state: serves reads, applies writes all-or-nothing and persists them atomically.
actor SiteStore {
    private var state: SiteState
    private let file: URL?

    init(dataDirectory: URL?, referenceDate: Date) throws {
        file = dataDirectory.map(SandboxStore.file(in:))
        if let file, FileManager.default.fileExists(atPath: file.path) {
            do {
                state = try SiteState(json: JSONValue.parse(Data(contentsOf: file)))
            } catch {
                throw SandboxSetupError(message: "could not read \(file.path) (\(error)); run `wixagent sandbox reset` to restore the seed")
            }
        } else {
            state = SeedGenerator(referenceDate: referenceDate).makeSite()
            try Self.write(state, to: file)
        }
    }

    /// Runs an endpoint; a write's draft replaces the state only after it succeeded and was saved.
    func run(_ endpoint: Endpoint, _ call: Call) throws -> JSONValue {
        var draft = state
        let result = try endpoint.handle(call, &draft)
        if endpoint.tool.access == .write {
            try Self.write(draft, to: file)
            state = draft
        }
        return result
    }

    private static func write(_ state: SiteState, to file: URL?) throws {
        guard let file else { return }
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try state.json.data.write(to: file, options: .atomic)
        } catch {
            throw SandboxError(500, "Could not save the sandbox site to \(file.path): \(error.localizedDescription)")
        }
    }
}
