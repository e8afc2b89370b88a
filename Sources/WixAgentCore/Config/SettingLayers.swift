/// The one order every setting is read in: its flag, then its environment variable, then the
/// config file, then the default. A value read here says which layer gave it, so
/// `wixagent config` shows where each setting came from without working the order out again.
struct SettingLayers {
    let environment: [String: String]

    /// A value and the layer that gave it (nil: none did, the default holds).
    struct Pick<Value> {
        var value: Value?
        var layer: String?

        /// The value, or the default.
        func or(_ fallback: Value) -> Value { value ?? fallback }

        /// Where the value came from, as `wixagent config` says it.
        var source: String { layer ?? "default" }
    }

    /// An environment variable's value; an empty one is unset.
    func env(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A text setting: flag, environment variable, config file.
    func pick(flag: String?, _ flagName: String, env name: String?, file: String?) -> Pick<String> {
        if let flag { return Pick(value: flag, layer: "flag \(flagName)") }
        if let name, let value = env(name) { return Pick(value: value, layer: "environment \(name)") }
        return pick(file: file)
    }

    /// A setting whose environment variable is text to be read as a value (`parse` says why not).
    func pick<Value>(flag: Value?, _ flagName: String, env name: String, parse: (String) throws(ConfigError) -> Value,
                     file: Value?) throws(ConfigError) -> Pick<Value> {
        if let flag { return Pick(value: flag, layer: "flag \(flagName)") }
        if let text = env(name) { return Pick(value: try parse(text), layer: "environment \(name)") }
        return pick(file: file)
    }

    /// A setting with a flag but no environment variable.
    func pick<Value>(flag: Value?, _ flagName: String, file: Value?) -> Pick<Value> {
        if let flag { return Pick(value: flag, layer: "flag \(flagName)") }
        return pick(file: file)
    }

    /// A setting only the config file sets.
    func pick<Value>(file: Value?) -> Pick<Value> {
        Pick(value: file, layer: file == nil ? nil : "config file")
    }
}
