import EvalCore
import EvalStore
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import evalctl

/// The live UI's routes through Hummingbird's test client, over a store two faulty sweeps wrote
/// and whose outputs were then made hostile.
@Suite(.serialized)
struct WebRoutesTests {
    static let hostile = #"<script>document.title="PWNED"</script><img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a>"#

    /// A store with runs, alerts and hostile outputs, and its planted sample.
    static func plantedStore() async throws -> (path: String, sample: Int64, alert: Int64) {
        let path = EvalctlProcess.temporaryStore()
        for seed in ["1", "2"] {
            let sweep = try EvalctlProcess.run([
                "sweep", "--store", path, "--scenario", "faulty", "--suite", "english-prose", "--seed", seed, "--alert", "--quiet",
            ])
            #expect(sweep.status == 0, "\(sweep.stderr)")
        }
        return try await DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: "UPDATE sample SET output = output || ? WHERE platformID IN (SELECT id FROM platform WHERE name != 'reference')",
                arguments: [Self.hostile])
            let sample =
                try Int64.fetchOne(
                    db, sql: "SELECT s.id FROM sample s JOIN platform p ON p.id = s.platformID WHERE p.name = 'trainium' ORDER BY s.id DESC LIMIT 1")
                ?? 0
            let alert = try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM alert") ?? 0
            return (path, sample, alert)
        }
    }

    static func application(_ path: String) throws -> some ApplicationProtocol {
        let store = try ResultStore(path: path, access: .readOnly)
        let router = Router()
        WebRoutes.add(to: router, store: store, policy: DecisionPolicy())
        return Application(router: router)
    }

    @Test func everyPageRendersEscapedUnderAStrictPolicyAndAnswersJSONToo() async throws {
        let (path, sample, alert) = try await Self.plantedStore()
        #expect(alert > 0, "the faulty scenario opened no alert")
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let pages = [
            "/", "/platforms/trainium", "/platforms/reference", "/alerts", "/alerts?platform=trainium&status=open", "/alerts/\(alert)",
            "/compare", "/compare?a=reference&b=trainium", "/samples/\(sample)",
        ]
        try await Self.application(path).test(.router) { client in
            for page in pages {
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.status == .ok, "\(page)")
                    #expect(response.headers[.contentSecurityPolicy] == WebPage.contentSecurityPolicy, "\(page)")
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    let html = String(buffer: response.body)
                    #expect(!html.contains("<script") && !html.contains("onerror=\"") && !html.contains("href=\"javascript:"), "\(page)")
                    #expect(html.contains("<nav>"), "\(page)")
                }
                try await client.execute(uri: page, method: .get, headers: [.accept: "application/json"]) { response in
                    #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("application/json") == true, "\(page)")
                    let body = String(buffer: response.body)
                    #expect((try? JSONSerialization.jsonObject(with: Data(body.utf8))) != nil, "\(page): \(body.prefix(200))")
                    #expect(!body.contains("<script"), "\(page): JSON escapes markup too")
                }
            }
            // The planted output shows, as text, where a person reads answers.
            try await client.execute(uri: "/samples/\(sample)", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("&lt;script&gt;document.title=&quot;PWNED&quot;&lt;/script&gt;"))
                #expect(html.contains("Against the reference"), "the token diff against the reference's answer")
            }
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("href=\"/platforms/trainium\"") && html.contains("href=\"/compare?a=reference&amp;b=trainium\""))
                #expect(html.contains("infra-error"), "infrastructure errors have their own column")
                #expect(html.contains(#"<meta http-equiv="refresh" content="60">"#), "the overview follows the sweeps without a script")
            }
        }
        let after = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(before == after, "no page writes the store")
    }

    @Test func badValuesAndUnknownIdsGetAClearPageNeverACrash() async throws {
        let (path, _, _) = try await Self.plantedStore()
        let cases: [(String, HTTPResponse.Status, String)] = [
            ("/samples/abc", .badRequest, "is not a sample id"), ("/samples/0", .badRequest, "is not a sample id"),
            ("/samples/99999999", .notFound, "no sample has id 99999999"), ("/alerts/-3", .badRequest, "is not an alert id"),
            ("/alerts/99999999", .notFound, "no alert has id"), ("/alerts?status=maybe", .badRequest, "expected open or resolved"),
            ("/platforms/nope", .notFound, "no platform is named &#39;nope&#39;"), ("/compare?a=reference&b=nope", .badRequest, "b=&#39;nope&#39;"),
            ("/no/such/page", .notFound, "nothing is at /no/such/page"),
            ("/platforms/%3Cscript%3E", .notFound, "no platform is named &#39;&lt;script&gt;&#39;"),
        ]
        try await Self.application(path).test(.router) { client in
            for (uri, status, message) in cases {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    #expect(String(buffer: response.body).contains(message), "\(uri): \(String(buffer: response.body).suffix(300))")
                    #expect(response.headers[.contentSecurityPolicy] == WebPage.contentSecurityPolicy)
                }
            }
            // Nothing but GET: no page writes.
            try await client.execute(uri: "/", method: .post) { response in
                #expect(response.status.kind != .successful, "POST / → \(response.status)")
            }
        }
    }
}
