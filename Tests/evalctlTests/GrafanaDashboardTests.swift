import EvalStore
import Foundation
import Testing

@testable import evalctl

/// `Tests/Grafana/evalctl-dashboard.json` queries only series and labels `/metrics` exports.
struct GrafanaDashboardTests {
    static let dashboard = EvalctlProcess.repository.appendingPathComponent("Tests/Grafana/evalctl-dashboard.json")

    static func matches(_ pattern: String, in text: String) throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: pattern)
        return Set(
            regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
                Range(match.range(at: 1), in: text).map { String(text[$0]) }
            })
    }

    @Test func everyQueryReadsSeriesAndLabelsTheServerExports() async throws {
        let data = try Data(contentsOf: Self.dashboard)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(json["panels"] as? [[String: Any]])
        let expressions = panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }
        #expect(expressions.count >= 8)

        // A store with open alerts, so that every family has samples and labels.
        let store = try await WebRoutesTests.plantedStore().path
        let exposition = try OpenMetricsText.render(store: try ResultStore(path: store, access: .readOnly))
        let exported = try Self.matches(
            #"^(evalctl_[a-z_]+)"#, in: exposition.split(separator: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        )
        .union(try Self.matches(#"\n(evalctl_[a-z_]+)[{ ]"#, in: "\n" + exposition))
        let labels = try Self.matches(#"[{,]([a-z_]+)=""#, in: exposition)
        for expression in expressions {
            let series = try Self.matches(#"(evalctl_[a-z_]+)"#, in: expression)
            #expect(!series.isEmpty && series.isSubset(of: exported), "\(expression): \(series.subtracting(exported)) not in /metrics")
            let used = try Self.matches(#"([a-z_]+)\s*(?:=~|!=|=)\s*""#, in: expression)
                .union(
                    try Self.matches(#"(?:by|on) \(([a-z_, ]+)\)"#, in: expression).flatMap {
                        $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    })
            #expect(used.isSubset(of: labels), "\(expression): labels \(used.subtracting(labels)) not exported")
        }
    }
}
