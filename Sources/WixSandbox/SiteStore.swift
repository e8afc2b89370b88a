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

    static func lockFile(in dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent("sandbox", isDirectory: true).appendingPathComponent("site.lock")
    }

    /// Deletes the stored site so the next request (of this or any running process) reseeds it.
    /// Missing state is not an error.
    public static func reset(dataDirectory: URL) throws {
        let url = file(in: dataDirectory)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try SiteFileLock.with(lockFile(in: dataDirectory), exclusive: true) {
                try FileManager.default.removeItem(at: url)
            }
        } catch {
            throw SandboxSetupError(message: "could not delete \(url.path): \(error)")
        }
    }
}

/// Owns the site state: serves reads, applies writes all-or-nothing and persists them atomically.
/// The site is read (or seeded) on the first request that needs it, not at start: a client that
/// only fetches the tool catalog never holds the site in memory. Several processes may serve the
/// same data directory: each request runs under the site's file lock and rereads the file when
/// another process changed it.
actor SiteStore {
    private var state: SiteState?
    /// The file's stamp when `state` was read or written.
    private var loaded: FileStamp?
    private let file: URL?
    private let lockFile: URL?
    private let referenceDate: Date

    init(dataDirectory: URL?, referenceDate: Date) {
        file = dataDirectory.map(SandboxStore.file(in:))
        lockFile = dataDirectory.map(SandboxStore.lockFile(in:))
        self.referenceDate = referenceDate
    }

    /// How a request was answered: by running it, or with the answer its key got before.
    enum Answer {
        case ran(JSONValue)
        case replayed(KeyedReply)
    }

    /// Runs an endpoint; a write's draft replaces the state only after it succeeded and was saved.
    /// A keyed write (`keyed`) that the site answered before gets that answer; otherwise its answer,
    /// a success or a refusal of the request, is saved with the site in the same write.
    func run(_ endpoint: Endpoint, _ call: Call, keyed: KeyedRequest? = nil) throws -> Answer {
        try SiteFileLock.with(lockFile, exclusive: endpoint.tool.access == .write) {
            let before = try site()
            let keyed = endpoint.tool.access == .write ? keyed : nil
            if let keyed, let earlier = before.keyed[keyed.key], call.now.timeIntervalSince(earlier.at) < IdempotentReplies.lifetime {
                guard earlier.fingerprint == keyed.fingerprint else { throw IdempotentReplies.mismatch }
                return .replayed(earlier)
            }
            var draft = before
            do {
                let result = try endpoint.handle(call, &draft)
                if endpoint.tool.access == .write {
                    if let keyed { draft.keep(KeyedReply(fingerprint: keyed.fingerprint, status: 200, body: result, at: call.now), for: keyed.key) }
                    try save(draft)
                }
                return .ran(result)
            } catch let refusal as SandboxError where refusal.status < 500 {
                if let keyed {
                    var kept = before
                    kept.keep(KeyedReply(fingerprint: keyed.fingerprint, status: refusal.status, body: refusal.body, at: call.now), for: keyed.key)
                    try save(kept)
                }
                throw refusal
            }
        }
    }

    private func save(_ site: SiteState) throws {
        try Self.write(site, to: file)
        state = site
        loaded = FileStamp(file)
    }

    /// The site: stored in the data directory, else the seed (saved there for the next run).
    private func site() throws -> SiteState {
        if let state, file == nil || FileStamp(file) == loaded { return state }
        let site: SiteState
        if let file, FileManager.default.fileExists(atPath: file.path) {
            do {
                site = try SiteState(json: JSONValue.parse(Data(contentsOf: file)))
            } catch {
                throw SandboxError(500, "Could not read the sandbox site \(file.path) (\(error)); run `wixagent sandbox reset` to restore the seed.")
            }
        } else {
            site = SeedGenerator(referenceDate: referenceDate).makeSite()
            try Self.write(site, to: file)
        }
        state = site
        loaded = FileStamp(file)
        return site
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
