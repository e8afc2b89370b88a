import Foundation
import GRDB
import Synchronization
import Testing
import TestSupport
@testable import WixAgentCore

/// Drives the gate, the agent and the store through seeded sequences of proposals (reads,
/// writes, invalid calls, repeated and missing provider ids), decisions (approve, approve for the
/// session, reject, edit, Esc), `/clear`, policy changes and kills, and checks the promise after
/// every step: no unapproved write reached the sandbox, every write the sandbox took is in the
/// store once, and every stored session resumes against the strict fake providers.
@Suite("Approval promise under generated sequences", .serialized)
struct ApprovalSequenceTests {
    @Test(arguments: [0x5EED1, 0x5EED2, 0x5EED3] as [UInt64])
    func thePromiseHoldsAfterEveryStep(seed: UInt64) async throws {
        var random = SeededRandom(seed)
        let site = try await WatchedSandbox.start()
        let store = try TemporaryStore()
        let model = RandomModel(seed: seed)
        var recorder = store.recorder
        var policy = ApprovalPolicy.askWrites
        var agent = Self.agent(site, model, policy: policy, messages: [])
        let watch = Watch()
        var kills = 0

        for step in 0..<30 {
            switch random.next(upperBound: 10) {
            case 0:
                await agent.clear()
            case 1:
                policy = ApprovalPolicy.allCases[random.next(upperBound: 4)]
                await agent.gate.setPolicy(policy)
            default:
                let killAt = random.next(upperBound: 5) == 0 ? 1 + random.next(upperBound: 25) : nil
                let decisions = (0..<8).map { _ in random.next(upperBound: 6) }
                let journal = KillSwitch(recorder: recorder, killAt: killAt)
                let turn = Task { [agent, policy] in
                    await agent.runTurn("step \(step)", ask: watch.asker(decisions, policy: policy), journal: journal.journal) { event in
                        watch.saw(event, policy: policy)
                        if journal.killed { withUnsafeCurrentTask { $0?.cancel() } }
                    }
                }
                journal.turn = turn
                await turn.value
                if journal.killed {
                    kills += 1
                    // The process died: a new one resumes the session from the store.
                    let resumed = try SessionArchive(database: store.database).resume(sessionID: recorder.sessionID)
                    recorder = try SessionRecorder(database: store.database, model: "m", source: "s", secrets: [], resuming: recorder.sessionID)
                    agent = Self.agent(site, model, policy: policy, messages: resumed.messages)
                }
            }
            try Self.checkPromise(site, store, watch, sessionID: recorder.sessionID, step: step)
        }
        await site.stop()
        #expect(site.appliedWrites > 0 && kills > 0, "the sequence exercised writes (\(site.appliedWrites)) and kills (\(kills))")
    }

    static func agent(_ site: WatchedSandbox, _ model: ChatModel, policy: ApprovalPolicy, messages: [ChatMessage]) -> Agent {
        Agent(model: model, catalog: site.fixture.catalog, executor: ToolExecutor(source: ProxyToolSource(client: site.fixture.client)),
              gate: ApprovalGate(policy: policy, rules: ToolRules(allow: ["update_a_wix_task_by_id"]), interactive: true),
              systemPrompt: { "" }, maxSteps: 6, messages: messages)
    }

    static func checkPromise(_ site: WatchedSandbox, _ store: TemporaryStore, _ watch: Watch, sessionID: String, step: Int) throws {
        let context = Comment(rawValue: "step \(step)")
        #expect(watch.violations.isEmpty, "step \(step): \(watch.violations)")
        let done = try store.rows("""
            SELECT t.call_id, (SELECT COUNT(*) FROM approval a WHERE a.session_id = t.session_id AND a.call_id = t.call_id AND a.approved = 1) AS approvals
            FROM tool_call t WHERE t.access = 'write' AND t.status BETWEEN 200 AND 299
            """)
        let inFlight = try store.rows("SELECT call_id FROM tool_call WHERE access = 'write' AND status IS NULL AND state IN ('running', 'interrupted')").count
        // Every write the site took is stored once; only a write the process died in may lack its outcome.
        #expect(done.count <= site.appliedWrites && site.appliedWrites <= done.count + inFlight, context)
        #expect(done.allSatisfy { $0["approvals"] as Int == 1 }, "each executed write has exactly one approving decision; \(context)")
        // One record per proposed call: no key was reused.
        let keys = try store.rows("SELECT call_id FROM tool_call").map { $0["call_id"] as String }
        #expect(Set(keys).count == keys.count && Set(keys).isSubset(of: watch.proposedKeys), context)
        // The stored session resumes with either provider.
        let messages = try SessionArchive(database: store.database).resume(sessionID: sessionID).messages
        let request = ChatRequest(system: "", messages: messages, tools: [])
        #expect(OpenAIWire.conversationProblem(OpenAIRequestBody.make(request, model: "m", stream: false)) == nil, context)
        #expect(AnthropicWire.conversationProblem(AnthropicRequestBody.make(request, model: "m", maxTokens: 1, stream: false)) == nil, context)
    }
}

/// What the test saw: the keys proposed, and any approval that broke the promise.
final class Watch: @unchecked Sendable {
    private let lock = NSLock()
    private var access: [String: ToolAccess] = [:]
    private var asked: Set<String> = []
    private var broken: [String] = []
    private var keys: Set<String> = []

    var violations: [String] { lock.withLock { broken } }
    var proposedKeys: Set<String> { lock.withLock { keys } }

    func saw(_ event: AgentEvent, policy: ApprovalPolicy) {
        lock.withLock {
            switch event {
            case .toolProposed(let key, _, _, let a, _, _, _, _):
                keys.insert(key)
                access[key] = a
            case .approvalDecided(let key, true, let by, _, _, _, _) where access[key] == .write:
                if policy == .readOnly { broken.append("\(key): a write approved under read-only (\(by))") }
                if by == .user, !asked.contains(key) { broken.append("\(key): a user decision nobody was asked for") }
                if by == .policy, policy != .auto { broken.append("\(key): a write run by the \(policy) policy") }
            default: break
            }
        }
    }

    /// Answers in the order of `decisions`: 0 approve, 1 approve for the session, 2 reject,
    /// 3 reject with a reason, 4 edit, 5 Esc (the turn is interrupted).
    func asker(_ decisions: [Int], policy: ApprovalPolicy) -> ApprovalAsker {
        let next = Mutex(decisions)
        return { request, announce in
            announce()
            self.lock.withLock { _ = self.asked.insert(request.callID) }
            let choice = next.withLock { $0.isEmpty ? 2 : $0.removeFirst() }
            switch choice {
            case 0: return .approveOnce
            case 1: return .approveToolForSession
            case 2: return .reject(reason: nil)
            case 3: return .reject(reason: "not now")
            case 4:
                var edited = request.arguments.objectValue ?? [:]
                edited["title"] = "Edited title"
                return .editAndApprove(.object(edited))
            default:
                withUnsafeCurrentTask { $0?.cancel() }
                return .reject(reason: "The user interrupted the turn.")
            }
        }
    }
}

/// The session store as a process sees it: events are stored until the process is killed at
/// event number `killAt`; from then on nothing is stored and the turn stops.
final class KillSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private let recorder: SessionRecorder
    private let killAt: Int?
    private var count = 0
    private var dead = false
    var turn: Task<Void, Never>?

    init(recorder: SessionRecorder, killAt: Int?) {
        self.recorder = recorder
        self.killAt = killAt
    }

    var killed: Bool { lock.withLock { dead } }

    var journal: EventJournal {
        { [self] event in
            let alive: Bool = lock.withLock {
                count += 1
                if let killAt, count >= killAt { dead = true }
                return !dead
            }
            guard alive else {
                turn?.cancel()
                return SessionStoreError(path: "killed", reason: "the process is gone")
            }
            return recorder.record(event)
        }
    }
}

/// A model that proposes seeded batches of calls: reads, writes (one with a path id), invalid
/// calls, with provider ids that are missing, repeated or fresh; after a few rounds it answers.
final class RandomModel: ChatModel, @unchecked Sendable {
    let displayName = "random"
    private let lock = NSLock()
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed ^ 0xA11CE) }

    func reply(to request: ChatRequest) -> AsyncThrowingStream<ModelEvent, Error> {
        let events: [ModelEvent] = lock.withLock {
            let rounds = request.messages.reversed().prefix { if case .user = $0 { false } else { true } }
                .filter { if case .assistant = $0 { true } else { false } }.count
            if rounds >= 2 || random.next(upperBound: 4) == 0 { return [.textDelta("done")] }
            return (0...random.next(upperBound: 3)).map { _ in .toolCall(call()) }
        }
        return AsyncThrowingStream { continuation in
            for event in events { continuation.yield(event) }
            continuation.finish()
        }
    }

    private func call() -> ToolCall {
        let id = ["", "call_0", "toolu_0", "offline-1-0", "fresh-\(random.next(upperBound: 1_000_000))"][random.next(upperBound: 5)]
        switch random.next(upperBound: 6) {
        case 0: return ToolCall(id: id, name: "list_all_wix_tasks", arguments: #"{"limit": 1}"#)
        case 1, 5: return ToolCall(id: id, name: "create_a_wix_task", arguments: #"{"title": "T", "dueDate": "2025-07-01"}"#)
        case 2: return ToolCall(id: id, name: "create_a_wix_task", arguments: #"{"title": 5}"#)
        case 3: return ToolCall(id: id, name: "update_a_wix_task_by_id", arguments: #"{"id": "..", "title": "x"}"#)
        default: return ToolCall(id: id, name: "delete_a_wix_task_by_id", arguments: #"{"id": "no-such-task"}"#)
        }
    }
}

/// SplitMix64: the same numbers for the same seed, on every machine.
struct SeededRandom {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed }

    mutating func next(upperBound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(upperBound))
    }
}
