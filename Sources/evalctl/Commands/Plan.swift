import ArgumentParser
import EvalCore
import Foundation

extension EvalCtl {
    /// `evalctl plan`: how large each sweep must be to catch a fault of a given rate in time.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Size the sweeps: samples per platform a sweep needs to detect a fault affecting a share of requests.",
            discussion: """
                Computed from the detectors' own statistics: the Bernoulli CUSUM tuned by the configuration's \
                alerts section, its threshold from the false-alarm budget, and the metric's null rate (the drift \
                metrics' calibration, or --null-rate). Power is the probability that the detector alarms within \
                --sweeps sweeps of the onset. --sensitivity is the share of affected requests whose answer fails \
                the metric (1: every one). For a fault bound to sticky routing, use a fresh routing key per request.
                """
        )

        @OptionGroup var options: CommonOptions
        @Option(help: "Share of requests the fault affects, e.g. 0.008.") var rate: Double
        @Option(help: "Probability of detecting it in time, e.g. 0.95.") var power: Double
        @Option(help: "Each detector's false-alarm probability per sweep, instead of the configuration's weekly false-alarm budget.")
        var alpha: Double?
        @Option(help: "Sweeps after the onset within which to detect (1: the onset sweep itself).") var sweeps = 2
        @Option(help: "Share of affected requests whose answer fails the metric.") var sensitivity = 1.0
        @Option(help: "Metrics to size for (repeatable; default: the four drift metrics and language-mix).") var metric: [String] = []
        @Option(help: "Null (healthy) failure rate, overriding the calibration for every metric.") var nullRate: Double?
        @Option(help: "Detectors sharing the false-alarm budget (default: from the configuration's platforms and suites).")
        var detectors: Int?
        @Option(help: "Samples per prompt, to turn samples into prompts.") var samplesPerPrompt = 3
        @Option(help: "Drift thresholds file (default: next to the store, else built in).") var calibration: String?
        @Option(help: "Output format: table or json.") var format = "table"

        func validate() throws {
            guard rate > 0, rate < 1 else { throw ValidationError("'--rate' must be in (0, 1), got \(rate).") }
            guard power > 0, power < 1 else { throw ValidationError("'--power' must be in (0, 1), got \(power).") }
            if let alpha, !(alpha > 0 && alpha < 1) { throw ValidationError("'--alpha' must be in (0, 1), got \(alpha).") }
            guard (1...168).contains(sweeps) else { throw ValidationError("'--sweeps' must be in 1...168, got \(sweeps).") }
            guard sensitivity > 0, sensitivity <= 1 else { throw ValidationError("'--sensitivity' must be in (0, 1], got \(sensitivity).") }
            if let nullRate, !(nullRate > 0 && nullRate < 1) { throw ValidationError("'--null-rate' must be in (0, 1), got \(nullRate).") }
            if let detectors, detectors < 1 { throw ValidationError("'--detectors' must be at least 1, got \(detectors).") }
            guard samplesPerPrompt >= 1 else { throw ValidationError("'--samples-per-prompt' must be at least 1, got \(samplesPerPrompt).") }
            guard ["table", "json"].contains(format) else { throw ValidationError("'--format' must be table or json, got '\(format)'.") }
        }

        func run() async throws {
            do {
                let source = try ConfigurationSource.load(path: options.config, store: options.store)
                let thresholds = try DriftSetup.thresholds(explicitPath: calibration, store: source.configuration.store)
                var policy = source.configuration.alertPolicy
                let suiteCount = (try? SweepSession.suites(of: source, only: []).count) ?? 1
                let detectorCount = detectors ?? DetectorTopology.detectorCount(platforms: source.configuration.platforms.count, suites: suiteCount)
                if let alpha {
                    // A per-check significance instead of the budget: h = log(1/alpha).
                    policy.falseAlarmsPerWeek = alpha * Double(detectorCount) * policy.sweepsPerWeek
                }
                let metrics = metric.isEmpty ? DriftMetric.allCases.filter { $0 != .distribution }.map(\.rawValue) + ["language-mix"] : metric
                var rows: [Row] = []
                for name in metrics {
                    guard
                        let null = nullRate ?? DriftMetric(rawValue: name).map({ thresholds.nullRate(of: $0) }) ?? DecisionPolicy.textNullRates[name]
                    else {
                        throw ValidationError("no null rate is known for metric '\(name)': pass --null-rate")
                    }
                    let planner = DetectionPlanner(nullRate: null, policy: policy, detectors: detectorCount)
                    let failing = planner.failureRate(affected: rate, sensitivity: sensitivity)
                    let needed = planner.samplesNeeded(failureRate: failing, power: power, sweeps: sweeps)
                    rows.append(
                        Row(
                            metric: name, nullRate: planner.cusum.nullRate, alternativeRate: planner.cusum.alternativeRate, failureRate: failing,
                            threshold: planner.threshold, samples: needed, prompts: needed.map { ($0 + samplesPerPrompt - 1) / samplesPerPrompt },
                            achieved: needed.map { planner.power(samples: $0, failureRate: failing, sweeps: sweeps) }
                        )
                    )
                }
                print(
                    format == "json" ? Self.json(rows, detectors: detectorCount, plan: self) : Self.table(rows, detectors: detectorCount, plan: self))
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }

        struct Row {
            var metric: String
            var nullRate: Double
            var alternativeRate: Double
            var failureRate: Double
            var threshold: Double
            var samples: Int?
            var prompts: Int?
            var achieved: Double?
        }

        static func table(_ rows: [Row], detectors: Int, plan: Plan) -> String {
            var table = TextTable(
                header: [
                    "metric", "null rate", "tuned to", "failing at fault", "threshold", "samples/platform/sweep",
                    "prompts × \(plan.samplesPerPrompt)", "power",
                ],
                rightAligned: [1, 2, 3, 4, 5, 6, 7]
            )
            for row in rows {
                table.rows.append([
                    row.metric, percent(row.nullRate), percent(row.alternativeRate), percent(row.failureRate), String(format: "%.2f", row.threshold),
                    row.samples.map { "\($0)" } ?? "not detectable", row.prompts.map { "\($0)" } ?? "—",
                    row.achieved.map { String(format: "%.3f", $0) } ?? "—",
                ])
            }
            var lines = [
                "fault on \(percent(plan.rate)) of requests, sensitivity \(plan.sensitivity), detected with power \(plan.power) within \(plan.sweeps) sweep(s); \(detectors) detectors share the false-alarm budget",
                "",
                table.render(),
            ]
            if rows.contains(where: { $0.samples == nil }) {
                lines.append("")
                lines.append(
                    "not detectable: the failing rate is too close to the null for the detector's tuning (more samples only lower the statistic); lower alerts.minimum_increase towards the fault's rate"
                )
            }
            return lines.joined(separator: "\n")
        }

        static func json(_ rows: [Row], detectors: Int, plan: Plan) -> String {
            typealias Nullable = ReportJSON.Nullable
            struct Item: Encodable {
                var metric: String
                @Nullable var nullRate: Double?
                @Nullable var alternativeRate: Double?
                @Nullable var failureRate: Double?
                @Nullable var threshold: Double?
                @Nullable var samples: Int?
                @Nullable var prompts: Int?
                @Nullable var power: Double?
            }
            struct Output: Encodable {
                @Nullable var rate: Double?
                @Nullable var power: Double?
                var sweeps: Int
                @Nullable var sensitivity: Double?
                var detectors: Int
                var rows: [Item]
            }
            let finite = ReportJSON.finite
            let output = Output(
                rate: finite(plan.rate), power: finite(plan.power), sweeps: plan.sweeps, sensitivity: finite(plan.sensitivity), detectors: detectors,
                rows: rows.map {
                    Item(
                        metric: $0.metric, nullRate: finite($0.nullRate), alternativeRate: finite($0.alternativeRate),
                        failureRate: finite($0.failureRate),
                        threshold: finite($0.threshold), samples: $0.samples, prompts: $0.prompts, power: finite($0.achieved))
                }
            )
            return ReportJSON.encode(output)
        }

        static func percent(_ value: Double) -> String { String(format: value < 0.01 ? "%.3f%%" : "%.2f%%", value * 100) }
    }
}
