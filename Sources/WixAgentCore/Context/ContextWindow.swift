/// How many tokens a model can take in one request. Known model families have their published
/// windows; anything else is taken as 32k until the user says (`--context-window`,
/// `WIXAGENT_CONTEXT_WINDOW`, `context_window`) or a server refuses a request as too long.
public enum ContextWindow {
    /// The window assumed for a model this table does not know.
    public static let unknown = 32_768

    /// Name patterns, most specific first: the first whose every part the model name contains wins.
    static let table: [(parts: [String], tokens: Int)] = [
        (["gpt-4.1"], 1_047_576), (["gpt-5"], 400_000), (["gpt-4o"], 128_000), (["gpt-4-turbo"], 128_000),
        (["gpt-4-32k"], 32_768), (["gpt-4"], 8_192), (["gpt-3.5-turbo"], 16_385), (["o1-mini"], 128_000),
        (["o1"], 200_000), (["o3"], 200_000), (["o4-mini"], 200_000),
        (["claude"], 200_000),
        (["llama3.1"], 131_072), (["llama-3.1"], 131_072), (["llama3.2"], 131_072), (["llama-3.2"], 131_072),
        (["llama3.3"], 131_072), (["llama-3.3"], 131_072), (["llama3"], 8_192), (["llama-3"], 8_192),
        (["qwen3"], 40_960), (["qwen2.5"], 32_768), (["mistral-nemo"], 131_072), (["mistral-large"], 131_072),
        (["mistral"], 32_768), (["mixtral"], 32_768), (["gemma3"], 131_072), (["gemma2"], 8_192),
        (["phi4"], 16_384), (["phi3"], 4_096), (["deepseek-r1"], 131_072), (["deepseek-v3"], 131_072),
    ]

    /// The published window of a model by its name (case ignored), or nil when the table has none.
    public static func known(for model: String) -> Int? {
        let name = model.lowercased()
        return table.first { $0.parts.allSatisfy(name.contains) }?.tokens
    }
}
