import ArgumentParser
import EvalStore
import Foundation
import Hummingbird

extension EvalCtl {
    /// `evalctl serve`: the store's metrics for Prometheus.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the store's metrics at http://HOST:PORT/metrics (OpenMetrics text) until interrupted.",
            discussion: "Each scrape reads the store afresh: open alerts, the latest run's failure ratios and its time. /healthz answers ok."
        )

        @OptionGroup var options: CommonOptions
        @Option(help: "Address to bind.") var host = "127.0.0.1"
        @Option(help: "Port to bind (0 picks a free one).") var port = 9464

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("'--port' must be in 0...65535, got \(port).") }
        }

        func run() async throws {
            let store: ResultStore
            let path: String
            do {
                path = try options.storePath()
                guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(path) does not exist yet (run `evalctl sweep`)") }
                store = try ResultStore(path: path, access: .readOnly)
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
            let host = host
            let app = Application(
                router: router, configuration: .init(address: .hostname(host, port: port), serverName: "evalctl"),
                onServerRunning: { channel in
                    let bound = channel.localAddress?.port ?? 0
                    FileHandle.standardOutput.write(Data("evalctl serve: http://\(host):\(bound)/metrics (store \(path))\n".utf8))
                },
                logger: options.makeLogger()
            )
            try await app.run()
        }
    }
}
