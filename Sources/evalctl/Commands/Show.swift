import ArgumentParser
import EvalStore
import Foundation

extension EvalCtl {
    /// `evalctl show <sample-id>`: one sample with its prompt, output and scores.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one sample with its prompt, output and scores.")

        @OptionGroup var options: CommonOptions
        @Argument(help: "The sample's id (from the store).") var sampleID: Int64
        @Option(help: "Characters of the prompt to print (its end, where the question is); 0 for all.") var promptChars = 2000
        @Flag(help: "Print each generated token with its log-probability and the reported alternatives.") var tokens = false

        func run() async throws {
            do {
                let detail = try options.openExistingStore().store.sampleDetail(id: sampleID)
                print(render(detail))
            } catch let error as ExitCode {
                throw error
            } catch {
                throw fail(error)
            }
        }

        func render(_ detail: SampleDetail) -> String {
            let sample = detail.sample
            var lines = [
                "sample \(sample.id ?? 0) · run \(sample.runID) · \(detail.platform) · \(detail.suite) v\(detail.suiteVersion) · case \(sample.caseID) #\(sample.sampleIndex)",
                "seed \(sample.seed) · routing key \(sample.routingKey ?? "-") · served by \(TerminalText.escape(sample.servedBy ?? "-")) · latency \(String(format: "%.1f", sample.latency * 1000)) ms · attempts \(sample.attempts)",
            ]
            if let errorClass = sample.errorClass {
                lines.append("infrastructure error: \(errorClass): \(TerminalText.escape(sample.errorMessage ?? ""))")
            } else {
                var usage =
                    "finish \(sample.finishReason ?? "-") · tokens \(sample.completionTokens.map(String.init) ?? "-") · prompt tokens \(sample.promptTokens.map(String.init) ?? "-") · model \(TerminalText.escape(sample.reportedModel ?? "-"))"
                if let first = sample.timeToFirstToken {
                    usage +=
                        " · streamed: first token \(String(format: "%.1f", first * 1000)) ms, between tokens \(sample.interTokenGap.map { String(format: "%.1f", $0 * 1000) } ?? "-") ms"
                }
                lines.append(usage)
            }
            let prompt =
                promptChars > 0 && detail.prompt.count > promptChars
                ? "[… \(detail.prompt.count - promptChars) characters before …]\n" + String(detail.prompt.suffix(promptChars)) : detail.prompt
            lines += ["", "── prompt ──", TerminalText.escape(prompt), "", "── output ──", TerminalText.escape(sample.output ?? "")]
            if let calls = sample.toolCalls {
                lines += ["", "── tool calls ──", TerminalText.escape(calls)]
            }
            if tokens {
                lines += ["", "── tokens (\(detail.tokens.count)) ──"]
                for (index, token) in detail.tokens.enumerated() {
                    let top = token.top.map { "\(TerminalText.escape(quoted($0.token))) \(String(format: "%.3f", $0.logprob))" }.joined(
                        separator: ", ")
                    lines.append("\(index)\t\(TerminalText.escape(quoted(token.token)))\t\(String(format: "%.3f", token.logprob))\t[\(top)]")
                }
            }
            if !detail.scores.isEmpty {
                lines += ["", "── scores ──"]
                for score in detail.scores {
                    let verdict = score.passed.map { $0 ? "pass" : "FAIL" } ?? "unavailable"
                    lines.append(
                        "\(score.scorer): \(verdict) (value \(String(format: "%.3f", score.value))) \(TerminalText.escape(score.details, keepNewlines: false))"
                    )
                }
            }
            return lines.joined(separator: "\n")
        }

        private func quoted(_ token: String) -> String {
            "\""
                + token.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(
                    of: "\"", with: "\\\"") + "\""
        }
    }
}
