import EvalCore

/// Checks each snippet with `checkOne`, all at once (the checker's own pool or gate bounds the
/// real concurrency), and returns the verdicts in input order.
func checkEachConcurrently(_ snippets: [String], _ checkOne: @escaping @Sendable (String) async -> SyntaxVerdict) async -> [SyntaxVerdict] {
    await withTaskGroup(of: (Int, SyntaxVerdict).self) { group in
        for (index, snippet) in snippets.enumerated() {
            group.addTask { (index, await checkOne(snippet)) }
        }
        var verdicts = [SyntaxVerdict](repeating: .unavailable("not checked"), count: snippets.count)
        for await (index, verdict) in group { verdicts[index] = verdict }
        return verdicts
    }
}
