import TestSupport
import Testing
import WixAgentCore

extension Providers {
    @Suite struct ProviderErrorTests {
        @Test(arguments: [true, false]) func openAIStatusesMapToKinds(stream: Bool) async throws {
            try await withOpenAI(stream: stream) { server, provider in
                server.enqueue(.error(status: 401, message: "Incorrect API key provided: \(fakeKey)"))
                expectOneLineError(await collect(provider.reply(to: hello)), .unauthorized,
                                   mentioning: ["OpenAI", "401", "OPENAI_API_KEY", server.baseURL])
                server.enqueue(.error(status: 404, message: "The model `gpt-test` does not exist"))
                expectOneLineError(await collect(provider.reply(to: hello)), .modelNotFound, mentioning: ["404", "gpt-test", server.baseURL])
                server.enqueue(.error(status: 400, message: "Invalid schema for function\n'x': \(fakeKey) " + String(repeating: "long ", count: 100)))
                let badRequest = await collect(provider.reply(to: hello))
                expectOneLineError(badRequest, .badRequest, mentioning: ["400", "Invalid schema for function 'x'", "[redacted]"])
                #expect((badRequest.providerError?.description.count ?? 0) < 400)
                server.enqueue(.failure(status: 500, body: "<html>oops</html>"))
                expectOneLineError(await collect(provider.reply(to: hello)), .server, mentioning: ["500", "oops"])
            }
        }

        @Test(arguments: [true, false]) func anthropicStatusesMapToKinds(stream: Bool) async throws {
            try await withAnthropic(stream: stream) { server, provider in
                server.enqueue(.error(status: 403, message: "Your key \(fakeKey) cannot use this model"))
                expectOneLineError(await collect(provider.reply(to: hello)), .unauthorized, mentioning: ["Anthropic", "403", "ANTHROPIC_API_KEY"])
                server.enqueue(.error(status: 404, message: "model: claude-test"))
                expectOneLineError(await collect(provider.reply(to: hello)), .modelNotFound, mentioning: ["404", "claude-test"])
                server.enqueue(.error(status: 500, message: "Internal server error"))
                expectOneLineError(await collect(provider.reply(to: hello)), .server, mentioning: ["500", "Internal server error"])
            }
        }

        @Test func brokenStreamsAreReportedForBoth() async throws {
            try await withOpenAI { server, provider in
                server.enqueue(.brokenStream())
                let outcome = await collect(provider.reply(to: hello))
                expectOneLineError(outcome, .brokenStream, mentioning: ["OpenAI"])
                #expect(!outcome.text.isEmpty, "text before the break was still delivered")
            }
            try await withAnthropic { server, provider in
                server.enqueue(.brokenStream())
                expectOneLineError(await collect(provider.reply(to: hello)), .brokenStream, mentioning: ["Anthropic"])
            }
        }

        @Test(arguments: [true, false]) func malformedJSONIsReported(stream: Bool) async throws {
            try await withOpenAI(stream: stream) { server, provider in
                server.enqueue(.malformedJSON)
                expectOneLineError(await collect(provider.reply(to: hello)), .malformed, mentioning: ["OpenAI", "not valid JSON"])
            }
            try await withAnthropic(stream: stream) { server, provider in
                server.enqueue(.malformedJSON)
                expectOneLineError(await collect(provider.reply(to: hello)), .malformed, mentioning: ["Anthropic", "not valid JSON"])
            }
        }

        @Test func inStreamErrorsEndTheReply() async throws {
            try await withAnthropic { server, provider in
                server.enqueue(.streamError(message: "Overloaded"))
                expectOneLineError(await collect(provider.reply(to: hello)), .server, mentioning: ["Anthropic", "Overloaded"])
            }
            try await withOpenAI { server, provider in
                server.enqueue(.streamError(message: "The server had an error"))
                expectOneLineError(await collect(provider.reply(to: hello)), .server, mentioning: ["OpenAI", "The server had an error"])
            }
        }

        @Test func aStreamedLinePastItsBoundEndsTheTurnWithALine() async throws {
            try await withOpenAI { server, provider in
                server.enqueue(.answer(ScriptedAnswer(text: String(repeating: "x", count: 3 << 20), fragments: 1)))
                expectOneLineError(await collect(provider.reply(to: hello)), .malformed, mentioning: ["larger than its bounds"])
            }
        }

        @Test func printingAProviderHidesTheKey() async throws {
            let transport = HTTPTransport()
            let openAI = OpenAIProvider(apiKey: fakeKey, model: "gpt-test", transport: transport)
            let anthropic = AnthropicProvider(apiKey: fakeKey, model: "claude-test", transport: transport)
            var dumped = ""
            dump(openAI, to: &dumped)
            dump(anthropic, to: &dumped)
            for text in [String(describing: openAI), String(reflecting: anthropic), dumped] {
                #expect(!text.contains(fakeKey), "\(text)")
            }
            await transport.shutdown()
        }

        @Test func aClosedPortIsUnreachable() async throws {
            let transport = HTTPTransport()
            let provider = OpenAIProvider(baseURL: "http://127.0.0.1:9/v1", apiKey: fakeKey, model: "gpt-test", transport: transport)
            // Refused at once: the transport does not retry the connection itself.
            expectOneLineError(await collect(provider.reply(to: hello)), .unreachable,
                               mentioning: ["http://127.0.0.1:9/v1", "connection refused"])
            await transport.shutdown()
        }
    }
}
