import Foundation

/// A model server's word that a request did not fit its context window, in each server's own
/// wording: OpenAI's and vLLM's `context_length_exceeded` / "maximum context length is N tokens",
/// Anthropic's "prompt is too long: M tokens > N maximum", llama.cpp's
/// `exceed_context_size_error` (with `n_ctx`), LM Studio's "Context size has been exceeded", and
/// HTTP 413. `window` is the size the server names and `requested` what it counted for the
/// request, when it names them.
public enum ContextOverflow {
    public static func parse(status: Int, body: Data) -> (window: Int?, requested: Int?)? {
        let json = try? JSONValue.parse(body)
        let text = (ProviderHTTP.message(in: json ?? .null) ?? String(decoding: body.prefix(4096), as: UTF8.self)).lowercased()
        let code = (json?["error"]?["code"]?.stringValue ?? json?["error"]?["type"]?.stringValue ?? "").lowercased()
        let recognized = status == 413
            || code == "context_length_exceeded" || code == "exceed_context_size_error"
            || ["maximum context length", "prompt is too long", "exceeds the available context size", "context size has been exceeded",
                "context length exceeded", "too many tokens", "context window"].contains(where: text.contains)
        guard recognized, [400, 413, 422, 500].contains(status) else { return nil }
        let requested = json?["error"]?["n_prompt_tokens"]?.intValue ?? number(after: "resulted in ", in: text)
            ?? number(after: "you requested ", in: text) ?? number(after: "prompt is too long: ", in: text)
        let window = json?["error"]?["n_ctx"]?.intValue ?? number(after: "maximum context length is ", in: text) ?? number(after: "tokens > ", in: text)
        return (window, requested)
    }

    /// The integer right after `marker` in `text` (digits only, at most 9 of them).
    static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty || digits.count > 9 ? nil : Int(digits)
    }
}
