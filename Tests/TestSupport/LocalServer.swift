import Hummingbird
import Logging
import ServiceLifecycle

/// A Hummingbird router served on 127.0.0.1 at a free port, for the test servers: started at
/// once, stopped gracefully.
public struct LocalServer: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let running: Task<Void, Error>

    /// Serves `router` and returns once the port is bound; `name` is what a failure says.
    public static func start(_ router: Router<BasicRequestContext>, name: String) async throws -> LocalServer {
        let (bound, announce) = AsyncStream.makeStream(of: Int.self)
        let quiet = Logger(label: name, factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  announce.yield(channel.localAddress?.port ?? 0)
                                  announce.finish()
                              }, logger: quiet)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        let running = Task { try await group.run() }
        var iterator = bound.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            running.cancel()
            throw FakeServerError(description: "the \(name) did not start")
        }
        return LocalServer(port: port, group: group, running: running)
    }

    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
    }
}
