import EvalWordLists
import Foundation

/// `make bench`: the release-build benchmarks, printed as one table.
@main
struct EvalBench {
    static func main() async throws {
        // `evalctl-bench [NAME…]` runs only the named benchmarks.
        let selected = Set(CommandLine.arguments.dropFirst())
        func wanted(_ name: String) -> Bool { selected.isEmpty || selected.contains(name) }
        var table = BenchTable()
        print("evalctl-bench: measuring (release build, \(ProcessInfo.processInfo.activeProcessorCount) cores)", to: &StandardError.shared)
        let (lexicon, _) = WordListLoader.load()
        if wanted("language-mix") { LanguageMixBench.run(into: &table, lexicon: lexicon) }
        if wanted("score") { try ScoreCommandBench.run(into: &table) }
        if wanted("code-syntax") { try await CodeSyntaxBench.run(into: &table) }
        if wanted("fleet") { try await FleetBench.run(into: &table, lexicon: lexicon) }
        if wanted("drift") { try DriftBench.run(into: &table) }
        if wanted("ingest") { try await IngestBench.run(into: &table) }
        if wanted("decisions") { try await DecisionBench.run(into: &table) }
        if wanted("drift-power") { try DriftPowerBench.run(into: &table) }
        if wanted("streaming") { try await StreamingBench.run(into: &table) }
        if wanted("ui") { try await UIBench.run(into: &table) }
        print(table.render())
    }
}
