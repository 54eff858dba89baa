import EvalCore
import EvalStore
import Foundation

/// `evalctl compare`'s result: rows per suite × metric and the worst examples, as a table, JSON or
/// Markdown.
///
/// Model output is untrusted: escaped for the terminal, quoted in JSON, fenced in Markdown.
struct ComparisonReport {
    var a: String
    var b: String
    var reference: String
    var runs: Int
    var since: Double?
    var rows: [ComparisonRow]
    var examples: [ExamplePair]
    var policy: DecisionPolicy
    /// The prompt token counts the two platforms reported, in the latest run both took part in.
    var promptTokens: PromptTokenComparison?
    /// Whether the two platforms called tools on the same requests.
    var toolDecisions: ToolDecisionAgreement?

    var regressed: Bool { rows.contains(where: \.regression) }

    /// Builds the comparison from the store.
    static func build(store: ResultStore, a: String, b: String, suite: String?, since: Double?, policy: DecisionPolicy, examples limit: Int = 3)
        throws -> ComparisonReport
    {
        let pooled = try store.pooledTallies(platforms: (a, b), since: since, suite: suite)
        var rows = PlatformComparison.rows(a: a, b: b, tallies: pooled.tallies, policy: policy)
        if let suite { rows = rows.filter { $0.suite == suite || $0.suite == MetricTally.allSuites } }
        let reference = try store.referencePlatform() ?? a
        // The worst examples: B's recent failures on the metrics that regressed, else on those
        // whose rate rose the most.
        var targets = rows.filter(\.regression).sorted { $0.delta > $1.delta }
        if targets.isEmpty { targets = rows.filter { $0.delta > 0 && $0.b.failures > 0 }.sorted { $0.delta > $1.delta } }
        var examples: [ExamplePair] = []
        var seenMetrics: Set<String> = []
        for row in targets where examples.count < limit && seenMetrics.insert(row.metric).inserted {
            examples += try store.worstExamples(
                platform: b, reference: reference, metric: row.metric, suite: row.suite, since: since, limit: limit - examples.count
            )
        }
        return ComparisonReport(
            a: a, b: b, reference: reference, runs: pooled.runs, since: since, rows: rows, examples: examples, policy: policy,
            promptTokens: try store.promptTokens(platforms: (a, b), since: since, suite: suite),
            toolDecisions: try store.toolDecisions(baseline: a, other: b, since: since, suite: suite))
    }

    // MARK: - Rendering

    static func percent(_ proportion: Proportion) -> String {
        guard let rate = proportion.rate else { return "-" }
        return String(format: "%.2f%% (%d/%d)", rate * 100, proportion.failures, proportion.trials)
    }

    static func signedPoints(_ value: Double) -> String { String(format: "%+.2f", value * 100) }

    static func pValue(_ value: Double) -> String { value < 1e-4 ? String(format: "%.1e", value) : String(format: "%.4f", value) }

    /// The diff of an example, with `[-…-]` for the reference's tokens it lacks and `{+…+}` for its own.
    static func inlineDiff(_ example: ExamplePair) -> String {
        diff(example).map { segment in
            switch segment.operation {
            case .equal: segment.text
            case .removed: "[-" + segment.text + "-]"
            case .added: "{+" + segment.text + "+}"
            }
        }.joined()
    }

    static func diff(_ example: ExamplePair) -> [TokenDiff.Segment] {
        diff(output: example.output, tokens: example.tokens, referenceOutput: example.referenceOutput, referenceTokens: example.referenceTokens)
    }

    /// An answer's diff against the reference's: by tokens when both have them, else by words.
    static func diff(output: String, tokens: [String], referenceOutput: String?, referenceTokens: [String]) -> [TokenDiff.Segment] {
        guard let referenceOutput else { return [TokenDiff.Segment(.added, output)] }
        let useTokens = !tokens.isEmpty && !referenceTokens.isEmpty
        return TokenDiff.diff(
            reference: useTokens ? referenceTokens : TokenDiff.words(referenceOutput),
            output: useTokens ? tokens : TokenDiff.words(output)
        )
    }

    func table() -> String {
        var lines = [
            "\(b) vs \(a) over \(runs) run\(runs == 1 ? "" : "s")\(since.map { " since \(AlertText.timestamp($0))" } ?? "") (failure rates; delta in points)"
        ]
        var table = TextTable(header: ["suite", "metric", a, b, "delta", "95% CI", "DE", "p", "p (Holm)", "detectable", "regression"])
        table.rightAligned = [2, 3, 4, 5, 6, 7, 8, 9]
        for row in rows {
            table.rows.append([
                row.suite, row.metric, Self.percent(row.a), Self.percent(row.b), Self.signedPoints(row.delta),
                "[\(Self.signedPoints(row.ciLow)), \(Self.signedPoints(row.ciHigh))]", String(format: "%.1f", row.designEffect),
                Self.pValue(row.pValue), Self.pValue(row.adjustedPValue),
                row.detectableEffect.map { String(format: "%.1f", $0 * 100) } ?? "none", row.regression ? "YES" : "no",
            ])
        }
        lines.append(rows.isEmpty ? "No metric was judged on both platforms." : table.render())
        if !rows.isEmpty {
            lines.append(
                "unit: the sample, pooled over the runs; the samples of a case in a run are not independent (temperature-0 repeats answer alike), so each "
                    + "platform's counts are divided by their design effect DE (from per-case sums) before Fisher's exact test, the interval and the power; detectable = the smallest "
                    + "increase in \(b)'s failure rate, in points, flagged with power 0.8 at α/\(rows.count) (normal approximation): a smaller one could go unseen"
            )
        }
        if let usage = promptTokenLine() { lines.append(usage) }
        if let decisions = toolDecisions {
            lines.append(
                "tool calls on \(decisions.pairs) requests both answered: tool_call_f1 \(decisions.f1.map { String(format: "%.3f", $0) } ?? "-") "
                    + "against \(a)'s decisions (both called \(decisions.bothCalled), only \(a) \(decisions.onlyBaseline), only \(b) \(decisions.onlyOther))"
            )
        }
        lines.append("")
        lines.append(
            regressed
                ? "\(b) REGRESSED against \(a) (Holm α = \(policy.alpha), minimum effect \(Self.signedPoints(policy.minimumEffect)) points)."
                : "No regression of \(b) against \(a).")
        for example in examples {
            lines.append("")
            lines.append(
                "worst: sample \(example.sampleID) run \(example.runID) \(example.suite)/\(example.caseID)#\(example.sampleIndex) \(example.metric) = \(JSONText.number(example.value))"
            )
            lines.append("  diff against \(reference) ([-reference only-] {+\(b) only+}):")
            lines.append(
                TerminalText.escape(Self.inlineDiff(example)).split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(
                    separator: "\n"))
        }
        return lines.joined(separator: "\n")
    }

    /// One line on the prompt token counts: equal, different (with the first cases), or unreported.
    func promptTokenLine() -> String? {
        guard let usage = promptTokens else { return nil }
        var parts: [String] = []
        if usage.casesCompared > 0 {
            if usage.differences.isEmpty {
                parts.append("the same on all \(usage.casesCompared) cases")
            } else {
                let shown = usage.differences.prefix(3).map { "\(TerminalText.escape($0.caseID)) \($0.a) vs \($0.b)" }.joined(separator: ", ")
                parts.append(
                    "DIFFERENT on \(usage.differences.count) of \(usage.casesCompared) cases (\(shown)): another template, tokenizer or system prompt"
                )
            }
        }
        if usage.unreportedByA > 0 { parts.append("\(a) reported none on \(usage.unreportedByA) cases") }
        if usage.unreportedByB > 0 { parts.append("\(b) reported none on \(usage.unreportedByB) cases") }
        guard !parts.isEmpty else { return "prompt tokens (run \(usage.runID)): reported by neither platform" }
        return "prompt tokens as reported (run \(usage.runID)): " + parts.joined(separator: "; ")
    }

    func json() -> String {
        typealias Nullable = ReportJSON.Nullable
        struct Row: Encodable {
            var suite, metric: String
            @Nullable var a: Double?
            @Nullable var b: Double?
            var aFailed, aJudged, bFailed, bJudged: Int
            @Nullable var delta: Double?
            @Nullable var ciLow: Double?
            @Nullable var ciHigh: Double?
            @Nullable var pValue: Double?
            @Nullable var pAdjusted: Double?
            @Nullable var detectable: Double?
            var designEffect: Double
            var regression: Bool
        }
        struct Edit: Encodable {
            var op, text: String
        }
        struct Example: Encodable {
            var run, sample: Int64
            var suite, `case`: String
            var sampleIndex: Int
            var metric: String
            @Nullable var value: Double?
            var details: ReportJSON.Embedded
            var output: String
            @Nullable var referenceOutput: String?
            var diff: [Edit]
        }
        struct PromptTokenDifference: Encodable {
            var suite, `case`: String
            var a, b: Int
        }
        struct PromptTokens: Encodable {
            var run: Int64
            var casesCompared, unreportedByA, unreportedByB: Int
            var differences: [PromptTokenDifference]
        }
        struct ToolDecisions: Encodable {
            var pairs, bothCalled, onlyA, onlyB: Int
            @Nullable var toolCallF1: Double?
        }
        struct Output: Encodable {
            var a, b, reference: String
            var runs: Int
            @Nullable var since: String?
            @Nullable var alpha: Double?
            @Nullable var minEffect: Double?
            var regression: Bool
            var rows: [Row]
            var examples: [Example]
            @Nullable var promptTokens: PromptTokens?
            @Nullable var toolDecisions: ToolDecisions?
        }
        let finite = ReportJSON.finite
        let output = Output(
            a: a, b: b, reference: reference, runs: runs, since: since.map(AlertText.timestamp), alpha: finite(policy.alpha),
            minEffect: finite(policy.minimumEffect), regression: regressed,
            rows: rows.map { row in
                Row(
                    suite: row.suite, metric: row.metric, a: finite(row.a.rate), b: finite(row.b.rate), aFailed: row.a.failures,
                    aJudged: row.a.trials,
                    bFailed: row.b.failures, bJudged: row.b.trials, delta: finite(row.delta), ciLow: finite(row.ciLow), ciHigh: finite(row.ciHigh),
                    pValue: finite(row.pValue), pAdjusted: finite(row.adjustedPValue), detectable: finite(row.detectableEffect),
                    designEffect: finite(row.designEffect) ?? 1, regression: row.regression)
            },
            examples: examples.map { example in
                Example(
                    run: example.runID, sample: example.sampleID, suite: example.suite, case: example.caseID, sampleIndex: example.sampleIndex,
                    metric: example.metric, value: finite(example.value), details: ReportJSON.Embedded(example.details), output: example.output,
                    referenceOutput: example.referenceOutput, diff: Self.diff(example).map { Edit(op: $0.operation.rawValue, text: $0.text) })
            },
            promptTokens: promptTokens.map { usage in
                PromptTokens(
                    run: usage.runID, casesCompared: usage.casesCompared, unreportedByA: usage.unreportedByA, unreportedByB: usage.unreportedByB,
                    differences: usage.differences.map { PromptTokenDifference(suite: $0.suite, case: $0.caseID, a: $0.a, b: $0.b) })
            },
            toolDecisions: toolDecisions.map {
                ToolDecisions(pairs: $0.pairs, bothCalled: $0.bothCalled, onlyA: $0.onlyBaseline, onlyB: $0.onlyOther, toolCallF1: finite($0.f1))
            }
        )
        return ReportJSON.encode(output)
    }

    func markdown() -> String {
        var lines = ["### \(MarkdownText.inline(b)) vs \(MarkdownText.inline(a))", ""]
        lines.append(
            "\(runs) run\(runs == 1 ? "" : "s"); failure rates; delta in percentage points; regression = Holm-adjusted p < \(policy.alpha) and delta ≥ \(Self.signedPoints(policy.minimumEffect))."
        )
        lines.append("")
        lines.append(MarkdownText.table(rows: rows, a: a, b: b))
        for example in examples {
            lines.append("")
            lines.append(
                "**Worst:** sample \(example.sampleID), run \(example.runID), \(MarkdownText.inline(example.suite))/\(MarkdownText.inline(example.caseID)) #\(example.sampleIndex), \(MarkdownText.inline(example.metric)) (diff against \(MarkdownText.inline(reference)): `[-…-]` reference only, `{+…+}` \(MarkdownText.inline(b)) only)"
            )
            lines.append("")
            lines.append(MarkdownText.fenced(Self.inlineDiff(example)))
        }
        return lines.joined(separator: "\n")
    }
}
