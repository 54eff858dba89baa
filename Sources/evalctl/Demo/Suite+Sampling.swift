import EvalCore

/// Sizing a suite for `evalctl demo`.
extension Suite {
    /// The suite with every case sampled `count` times, and answers capped at `maxTokens`.
    func withSamples(_ count: Int, maxTokens: Int?) -> Suite {
        var suite = self
        suite.defaults.samples = count
        if let maxTokens { suite.defaults.maxTokens = min(suite.defaults.maxTokens, maxTokens) }
        suite.cases = suite.cases.map { evalCase in
            var evalCase = evalCase
            evalCase.overrides.samples = nil
            if let maxTokens, let own = evalCase.overrides.maxTokens { evalCase.overrides.maxTokens = min(own, maxTokens) }
            return evalCase
        }
        return suite
    }

    /// Requests one platform receives for this suite.
    var requests: Int { cases.reduce(0) { $0 + $1.sampling(from: defaults).samples } }
}
