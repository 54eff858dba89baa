import EvalCore
import EvalStore

/// `/samples/<id>`: one sample: its prompt and answer, every score with its details, the token diff
/// against the reference's answer to the same request, and the answer's tokens with their
/// log-probabilities where they were stored, the tokens a failed drift score names marked.
enum SamplePage {
    static func page(store: ResultStore, id: Int64) throws -> WebPage {
        let detail: SampleDetail
        do {
            detail = try store.sampleDetail(id: id)
        } catch let error as StoreError where error.isNotFound {
            return .problem(.notFound, "no sample has id \(id)")
        }
        let sample = detail.sample
        let reference = try store.referencePlatform()
        let counterpart = try reference.flatMap { $0 == detail.platform ? nil : try store.counterpart(ofSample: id, on: $0) }
        let referenceDetail = try counterpart.map { try store.sampleDetail(id: $0) }
        let marked = markedTokens(detail.scores)

        var body = [
            "<h1>Sample \(id)</h1>",
            "<p class=\"meta\">\(WebPage.link("/platforms/\(WebPage.component(detail.platform))", detail.platform)) · run \(sample.runID) · \(HTMLText.escape(detail.suite)) v\(detail.suiteVersion) / \(HTMLText.escape(sample.caseID)) #\(sample.sampleIndex) · seed \(sample.seed)\(sample.servedBy.map { " · served by \(HTMLText.escape($0))" } ?? "") · \(String(format: "%.0f ms", sample.latency * 1000)), \(sample.attempts) attempt\(sample.attempts == 1 ? "" : "s")</p>",
            "<h2>Prompt</h2><pre>\(HTMLText.escape(detail.prompt))</pre>",
        ]
        if let errorClass = sample.errorClass {
            body.append(
                "<h2>No answer <span class=\"count\">infrastructure error, not scored</span></h2><pre>\(HTMLText.escape(errorClass)): \(HTMLText.escape(sample.errorMessage ?? ""))</pre>"
            )
        } else {
            body.append(
                "<h2>Answer <span class=\"count\">finish reason \(HTMLText.escape(sample.finishReason ?? "–"))</span></h2><pre>\(HTMLText.escape(sample.output ?? ""))</pre>"
            )
        }
        if let toolCalls = sample.toolCalls { body.append("<h2>Tool calls</h2><pre>\(HTMLText.escape(toolCalls))</pre>") }
        if !detail.scores.isEmpty {
            var rows = ["<tr><th>scorer</th><th>value</th><th>passed</th><th>details</th></tr>"]
            for score in detail.scores {
                let verdict = score.passed.map { $0 ? "yes" : "NO" } ?? "unjudged"
                rows.append(
                    "<tr class=\"\(score.passed == false ? "regression" : "")\"><td>\(HTMLText.escape(score.scorer))</td><td class=\"num\">\(HTMLText.escape(JSONText.number(score.value)))</td><td>\(verdict)</td><td><code>\(HTMLText.escape(score.details))</code></td></tr>"
                )
            }
            body.append("<h2>Scores</h2><table>\(rows.joined(separator: "\n"))</table>")
        }
        if let referenceDetail, let counterpart, let reference {
            let segments = ComparisonReport.diff(
                output: sample.output ?? "", tokens: detail.tokens.map(\.token), referenceOutput: referenceDetail.sample.output,
                referenceTokens: referenceDetail.tokens.map(\.token))
            body.append(
                "<h2>Against the reference <span class=\"count\">\(WebPage.link("/samples/\(counterpart)", "\(reference)'s answer, sample \(counterpart)"))</span></h2><p class=\"meta\"><del>reference only</del> <ins>\(HTMLText.escape(detail.platform)) only</ins></p><pre>\(HTMLReport.diffHTML(segments))</pre>"
            )
        }
        if !detail.tokens.isEmpty {
            let spans = detail.tokens.enumerated().map { index, token in
                let title =
                    String(format: "#%d logprob %.3f", index, token.logprob)
                    + token.top.prefix(5).map { String(format: " · %@ %.2f", JSONText.quote($0.token), $0.logprob) }.joined()
                return
                    "<span class=\"tok\(marked.contains(index) ? " fired" : "")\" title=\"\(HTMLText.escape(title))\">\(HTMLText.escape(token.token))</span>"
            }
            body.append(
                "<h2>Tokens <span class=\"count\">\(detail.tokens.count), log-probabilities on hover; marked: where a failed drift score points</span></h2><pre>\(spans.joined())</pre>"
            )
        }
        struct Data: Encodable {
            var id: Int64
            var platform, suite, caseId, prompt: String
            var run: Int64
            var sampleIndex: Int
            @ReportJSON.Nullable var output: String?
            @ReportJSON.Nullable var errorClass: String?
            var scores: [Score]
            @ReportJSON.Nullable var referenceSample: Int64?
            var markedTokens: [Int]
            struct Score: Encodable {
                var scorer: String
                var value: Double
                @ReportJSON.Nullable var passed: Bool?
                var details: String
            }
        }
        let data = Data(
            id: id, platform: detail.platform, suite: detail.suite, caseId: sample.caseID, prompt: detail.prompt, run: sample.runID,
            sampleIndex: sample.sampleIndex, output: sample.output, errorClass: sample.errorClass,
            scores: detail.scores.map { .init(scorer: $0.scorer, value: $0.value, passed: $0.passed, details: $0.details) },
            referenceSample: counterpart, markedTokens: marked.sorted())
        return WebPage(title: "Sample \(id)", body: body.joined(separator: "\n"), json: ReportJSON.encode(data))
    }

    /// The token positions failed drift scores name (`index` of their flagged tokens,
    /// `diverged_at`, `max_index`).
    static func markedTokens(_ scores: [ScoreRecord]) -> Set<Int> {
        var marked: Set<Int> = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let fields):
                for (key, field) in fields {
                    if ["index", "diverged_at", "max_index"].contains(key), let index = field.int { marked.insert(index) } else { walk(field) }
                }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        for score in scores where score.passed == false && score.scorer.hasPrefix("drift") {
            if case .success(let json) = JSONParser.parse(score.details) { walk(json) }
        }
        return marked
    }
}
