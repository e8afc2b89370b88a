import Foundation
import WixAgentCore

/// The whole UI as a value. Only `Update` changes it; views only read it.
public struct AppState: Equatable, Sendable {
    public enum Connection: Equatable, Sendable {
        case connecting
        case ready
        case failed(String)
    }

    public var size: Size
    public var now: Date
    public var connection: Connection = .connecting
    public var status: StatusInfo
    public var samplePrompts: [String]
    /// The program and its version, for the first screen (`wixagent 0.7.0`).
    public var version = ""
    public var catalog: [Tool] = []

    public private(set) var entries: [ChatEntry] = []
    private var nextEntryID = 0
    /// Index of the agent entry that streamed text is appended to.
    var streamingEntry: Int?
    /// Chat scroll position in lines above the bottom (0 follows new output).
    public var chatScroll = 0

    /// The session's calls and grants as the agent's events made them: the only record of them here.
    public private(set) var ledger = CallLedger()
    /// Each call's text as drawn, prepared when the call changed.
    private var callTexts: [String: CallText] = [:]
    /// When each waiting call's countdown ends.
    private var waits: [String: Date] = [:]
    public var selectedCall: Int?
    public var inspectorScroll = 0

    public var focus: Focus = .input
    public var input = TextEditor()
    public var history = InputHistory()
    public var overlay: Overlay?
    public var approvals: [ApprovalRequest] = []
    public var approvalDialog: ApprovalDialog = .choosing
    /// Which waiting call the dialog's keys decide (several form a batch, shown as one list).
    /// A call id, so calls that arrive later never change which call a key answers.
    public var approvalSelectedID: String?
    /// When the dialog with the selected call was first drawn; nil until it is on screen.
    /// Its keys decide only from `approvalGuard` after that (no type-ahead).
    public var approvalShownAt: Date?
    /// The waiting calls whose whole dialog (arguments and preview, nothing cut off) has been on
    /// screen: `Y` approves a batch only when every call in it has been seen.
    public var approvalsSeen: Set<String> = []
    /// `v` in the dialog: masked arguments of the selected call are shown as they are.
    public var approvalRevealed = false
    /// Why the last key in the dialog did nothing (`Y` before every call was seen), shown in it.
    public var approvalNotice: String?
    /// Forms MCP servers asked for, oldest first; the first is on screen.
    public var elicitations: [ElicitationForm] = []
    /// "Approve this tool for the session" grants in force (the ledger's).
    public var grants: [Grant] { ledger.grants }
    /// A resumed session's grants, given back only when the person types `/grants restore`.
    public var offeredGrants: [Grant] = []

    /// Where the UI is in a turn's life (`TurnPhase`); the flags below are read from it.
    public var phase: TurnPhase = .idle
    /// The stored session new events are recorded into (`wixagent sessions show ID`).
    public var sessionID: String?
    /// Until when a second Ctrl-C quits.
    public var quitArmedUntil: Date?

    public var turnRunning: Bool { phase.turnRuns }
    /// Esc was pressed (or quit asked) in a running turn; the turn is stopping.
    public var interrupting: Bool { phase == .interrupting || phase == .quittingAfterWrites }
    public var switchingSession: Bool { phase == .switchingSession }
    public var shouldQuit: Bool { phase == .quitting }
    public var quitAfterWrites: Bool { phase == .quittingAfterWrites }

    public init(size: Size, status: StatusInfo, samplePrompts: [String] = [], now: Date = Date()) {
        self.size = size
        self.status = status
        self.samplePrompts = samplePrompts
        self.now = now
    }

    /// Adds a transcript entry and returns its index.
    @discardableResult
    mutating func addEntry(_ kind: ChatEntry.Kind, _ text: String) -> Int {
        entries.append(ChatEntry(id: nextEntryID, kind: kind, text: text))
        nextEntryID += 1
        return entries.count - 1
    }

    mutating func appendToEntry(_ index: Int, _ text: String) {
        entries[index].append(text)
    }

    /// Another conversation from now on: the transcript and what the window held are gone.
    mutating func clearTranscript() {
        entries = []
        streamingEntry = nil
        chatScroll = 0
        status.context = nil
    }

    /// How long after its dialog is drawn a call's decision keys start to count: keys typed
    /// before the person could have read it decide nothing.
    public static let approvalGuard: TimeInterval = 0.25

    /// Resets the dialog for the call now selected (the one at `index` when the selected call
    /// is gone): it has not been seen yet.
    mutating func showNextApproval(at index: Int = 0) {
        approvalDialog = .choosing
        approvalShownAt = nil
        approvalRevealed = false
        approvalNotice = nil
        if approvalSelectedID.map({ id in !approvals.contains { $0.callID == id } }) ?? true {
            approvalSelectedID = approvals.isEmpty ? nil : approvals[min(max(0, index), approvals.count - 1)].callID
        }
    }

    /// The position of the selected call in the queue.
    public var approvalSelected: Int {
        approvals.firstIndex { $0.callID == approvalSelectedID } ?? 0
    }

    /// The waiting call the dialog's keys decide.
    public var selectedApproval: ApprovalRequest? {
        approvals.first { $0.callID == approvalSelectedID } ?? approvals.first
    }

    /// Whether the head call's dialog has been on screen for the guard time.
    var approvalKeysArmed: Bool {
        guard let shown = approvalShownAt else { return false }
        return now.timeIntervalSince(shown) >= Self.approvalGuard
    }

    /// Forgets the inspector's calls, the grants and any pending approval (another session takes over).
    mutating func clearCalls() {
        ledger = CallLedger()
        callTexts = [:]
        waits = [:]
        selectedCall = nil
        inspectorScroll = 0
        approvals = []
        showNextApproval()
    }

    /// The calls as the inspector lists them.
    public var calls: CallList {
        CallList(ledger: ledger, texts: callTexts, waits: waits)
    }

    func call(_ id: String) -> ToolCallRecord? {
        ledger.position(of: id).map { calls[$0] }
    }

    /// A call's number as the inspector counts them, from 1.
    func callNumber(_ id: String) -> Int? {
        ledger.position(of: id).map { $0 + 1 }
    }

    /// "call N" for a call of the inspector, else its key.
    func callName(_ id: String) -> String {
        callNumber(id).map { "call \($0)" } ?? id
    }

    /// A resumed session's calls (their grants are offered apart, not given).
    mutating func resume(_ stored: [LedgerCall]) {
        clearCalls()
        ledger = CallLedger(calls: stored)
        for call in stored { callTexts[call.callID] = CallText(call) }
        selectedCall = stored.isEmpty ? nil : stored.count - 1
    }

    /// Folds an event into the ledger and prepares the text of the calls it changed.
    @discardableResult
    mutating func fold(_ event: AgentEvent) -> [CallLedger.Change] {
        let changes = ledger.apply(event, at: now)
        for case .call(let id) in changes {
            if let call = ledger[id] { callTexts[id] = CallText(call) }
        }
        return changes
    }

    /// Starts (or, with nil, ends) a call's countdown.
    mutating func setWait(_ id: String, until: Date?) {
        guard ledger[id] != nil else { return }
        waits[id] = until
    }

    /// Whether the person has sent anything in this transcript (before that, a number key on an
    /// empty input line picks an example).
    var hasAsked: Bool {
        entries.contains { $0.kind == .user }
    }

    /// The example a number key picks (`1` the first), if there is one.
    func example(_ key: Character) -> String? {
        guard let n = key.wholeNumberValue, samplePrompts.indices.contains(n - 1) else { return nil }
        return samplePrompts[n - 1]
    }

    /// The tool with this name, when the catalog is loaded.
    func tool(named name: String) -> Tool? {
        catalog.first { $0.name == name }
    }

    /// Whether something on screen changes with time alone (countdowns, the Ctrl-C hint).
    public var isAnimating: Bool {
        if quitArmedUntil != nil || status.retry != nil || turnRunning { return true }
        if connection == .connecting { return true }
        if let reset = status.toolsLimit?.secondsUntilReset(at: now), reset > 0 { return true }
        return !waits.isEmpty
    }
}
