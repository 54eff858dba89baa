import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The live UI's pages (`evalctl serve`) over the 10-million-sample store of ``DecisionBench``:
/// each page's median time to its last byte over loopback HTTP (7 requests after a warm-up),
/// against `/healthz` on the same server, the cost of a request that reads nothing.
enum UIBench {
    static func run(into table: inout BenchTable) async throws {
        let executable = EvalctlBinary.path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            table.add("live UI pages over 10M samples", "not measured", note: "\(executable) is missing: build the evalctl product in release first")
            return
        }
        let path = try await DecisionBench.store()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--store", path, "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate() }
        // The first line names the bound address: "evalctl serve: http://127.0.0.1:PORT/ (…)".
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw BenchError("evalctl serve exited before it listened") }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let start = text.range(of: "http://"), let end = text[start.lowerBound...].firstIndex(of: " ") else {
            throw BenchError("evalctl serve printed no address: \(text)")
        }
        let base = String(text[start.lowerBound..<end]).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let session = URLSession(configuration: .ephemeral)
        let lastSample = Int64(DecisionBench.runs * DecisionBench.samplesPerRun)
        let pages = [
            ("/", "overview"), ("/platforms/tpu-v5e", "platform"), ("/alerts", "alerts"), ("/compare?a=reference&b=tpu-v5e", "compare"),
            ("/samples/\(lastSample)", "sample"),
        ]
        func median(_ path: String) async throws -> Double {
            var times: [Double] = []
            for round in 0..<8 {
                let started = ContinuousClock.now
                guard let url = URL(string: base + path) else { throw BenchError("bad URL \(base + path)") }
                var request = URLRequest(url: url)
                request.setValue("text/html", forHTTPHeaderField: "accept")
                let (_, response) = try await session.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                guard status == 200 else { throw BenchError("\(path): HTTP \(status)") }
                if round > 0 { times.append((ContinuousClock.now - started).seconds) }
            }
            return times.sorted()[times.count / 2]
        }
        let baseline = try await median("/healthz")
        var results: [(String, Double)] = []
        for (path, name) in pages { results.append((name, try await median(path))) }
        let slowest = results.map(\.1).max() ?? 0
        table.add(
            "live UI pages over 10M samples",
            String(format: "slowest %.0f ms (%.0f× /healthz's %.1f ms)", slowest * 1000, slowest / baseline, baseline * 1000),
            goal: "≤ 100 ms", met: slowest <= 0.1,
            note: results.map { String(format: "%@ %.0f ms", $0.0, $0.1 * 1000) }.joined(separator: ", ")
                + "; median of 7 after a warm-up, to the last byte over loopback")
    }
}
