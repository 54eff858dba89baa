import ArgumentParser
import EvalCore
import EvalStore
import Foundation
import Hummingbird

extension EvalCtl {
    /// `evalctl serve`: the live UI (platforms, alerts, comparisons, samples) and the store's
    /// metrics for Prometheus.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the live UI at http://HOST:PORT/ and the store's metrics at /metrics until interrupted.",
            discussion: """
                Pages: / (platform × metric grid), /platforms/NAME, /alerts, /alerts/ID, /compare?a=&b=, /samples/ID; each \
                answers JSON to Accept: application/json. Read-only: no page writes. Loopback only unless --host says otherwise \
                (the pages show prompts and answers: bind elsewhere only behind your own access control). Each request reads \
                the store afresh. /metrics: OpenMetrics text (open alerts, the latest run's failure ratios and its time); \
                /healthz answers ok.
                """
        )

        @OptionGroup var options: CommonOptions
        @Option(help: "Address to bind (loopback by default; the pages show prompts and answers).") var host = "127.0.0.1"
        @Option(help: "Port to bind (0 picks a free one).") var port = 9464

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("'--port' must be in 0...65535, got \(port).") }
        }

        func run() async throws {
            let store: ResultStore
            let path: String
            let policy: DecisionPolicy
            do {
                let opened = try options.openExistingStore()
                (path, store, policy) = (opened.path, opened.store, opened.source.configuration.decisionPolicy)
            } catch {
                throw fail(error)
            }
            let router = Router()
            router.get("metrics") { _, _ -> Response in
                let text = try OpenMetricsText.render(store: store)
                return Response(
                    status: .ok, headers: [.contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: text))
                )
            }
            router.get("healthz") { _, _ in "ok\n" }
            WebRoutes.add(to: router, store: store, policy: policy)
            let host = host
            let app = Application(
                router: router, configuration: .init(address: .hostname(host, port: port), serverName: "evalctl"),
                onServerRunning: { channel in
                    let bound = channel.localAddress?.port ?? 0
                    FileHandle.standardOutput.write(Data("evalctl serve: http://\(host):\(bound)/ (metrics at /metrics; store \(path))\n".utf8))
                },
                logger: options.makeLogger()
            )
            try await app.run()
        }
    }
}
