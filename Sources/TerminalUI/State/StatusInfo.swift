import Foundation
import WixAgentCore

/// What the status bar shows besides the approval queue.
public struct StatusInfo: Equatable, Sendable {
    public var modelLabel: String
    public var sourceLabel: String
    public var policy: ApprovalPolicy
    public var toolsLimit: RateLimitSnapshot?
    public var modelLimit: RateLimitSnapshot?
    /// A wait before a retry: which service, until when, attempt k of n.
    public var retry: Retry?
    public var tokens = TokenUsage(input: 0, output: 0)
    /// What the last model request held against the window (`ctx 41%`, `/context`).
    public var context: ContextUsage?

    public struct Retry: Equatable, Sendable {
        public var service: ServiceKind
        public var until: Date
        public var attempt: Int
        public var of: Int
    }

    public init(modelLabel: String, sourceLabel: String, policy: ApprovalPolicy) {
        self.modelLabel = modelLabel
        self.sourceLabel = sourceLabel
        self.policy = policy
    }
}
