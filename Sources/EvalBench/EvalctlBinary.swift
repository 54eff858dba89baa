import Foundation

/// The release `evalctl` built next to `evalctl-bench`, which the end-to-end benchmarks run.
enum EvalctlBinary {
    static var url: URL { URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("evalctl") }
    static var path: String { url.path }
}
