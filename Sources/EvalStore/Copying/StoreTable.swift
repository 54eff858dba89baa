/// One of the store's tables with its columns: what a copy moves.
///
/// ``all`` lists them parents before children, the order foreign keys allow.
struct StoreTable: Sendable {
    /// The table.
    let name: String
    /// Every column.
    let columns: [String]
    /// The columns of its primary key, which pages are read in order of.
    let key: [String]
    /// Whether its key is a generated `id` (PostgreSQL's sequence is moved past the copied ids).
    var generatedID: Bool { key == ["id"] }

    /// `sample`, whose columns the recorder inserts in this order.
    static let sample = StoreTable(
        name: "sample",
        columns: [
            "id", "runID", "platformID", "suiteID", "caseID", "sampleIndex", "promptHash", "seed", "routingKey", "output", "finishReason",
            "latency", "attempts", "errorClass", "errorMessage", "servedBy", "reportedModel", "systemFingerprint", "completionTokens",
            "createdAt", "timeToFirstToken", "interTokenGap", "promptTokens", "toolCalls",
        ], key: ["id"])

    static let all: [StoreTable] = [
        StoreTable(
            name: "run",
            columns: [
                "id", "startedAt", "endedAt", "status", "evalctlVersion", "gitCommit", "gitDirty", "configHash", "host", "runKey", "shards",
                "planFingerprint",
            ], key: ["id"]),
        StoreTable(name: "platform", columns: ["id", "name", "protocol", "baseURL", "model", "isReference"], key: ["id"]),
        StoreTable(name: "suite", columns: ["id", "suiteKey", "version", "description"], key: ["id"]),
        StoreTable(name: "prompt", columns: ["hash", "text"], key: ["hash"]),
        sample,
        StoreTable(name: "score", columns: ["sampleID", "scorer", "value", "passed", "details"], key: ["sampleID", "scorer"]),
        StoreTable(name: "sample_tokens", columns: ["sampleID", "tokenCount", "data"], key: ["sampleID"]),
        StoreTable(
            name: "alert", columns: ["id", "platform", "suite", "metric", "openedAt", "resolvedAt", "status", "openedRunID", "evidence"],
            key: ["id"]),
        StoreTable(
            name: "case_tally", columns: ["runID", "platformID", "suiteID", "caseID", "metric", "judged", "failed", "unavailable"],
            key: ["runID", "platformID", "suiteID", "caseID", "metric"]),
        StoreTable(
            name: "run_tally",
            columns: [
                "runID", "platformID", "suiteID", "metric", "judged", "failed", "unavailable", "clusters", "failedSquares", "failedJudged",
                "judgedSquares",
            ], key: ["runID", "platformID", "suiteID", "metric"]),
        StoreTable(
            name: "detector_state",
            columns: ["platform", "suite", "metric", "baseline", "lastRunID", "upper", "lower", "alarmed", "frozenNullRate"],
            key: ["platform", "suite", "metric", "baseline"]),
        StoreTable(name: "run_note", columns: ["runID", "topic", "note"], key: ["runID", "topic"]),
        StoreTable(name: "alert_outbox", columns: ["alertID", "sink", "status", "attempts", "lastError"], key: ["alertID", "sink", "status"]),
        StoreTable(
            name: "run_shard", columns: ["runID", "shard", "status", "startedAt", "endedAt", "host", "starts"], key: ["runID", "shard"]),
    ]
}
