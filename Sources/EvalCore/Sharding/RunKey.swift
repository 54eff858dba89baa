/// The name every shard of one run agrees on, so that the first to start creates the run and the
/// others join it.
///
/// By default the configuration's hash, the seed salt and the current UTC hour: the shards of an
/// hourly Job started in the same hour join one run, the next hour's start another. `--run-key`
/// names a run explicitly (a Job's own name, for retries that cross an hour boundary).
public enum RunKey {
    /// The default key: `<configuration hash>-<yyyymmddhh>` (UTC), with `-s<salt>` for a salted sweep.
    ///
    /// - Parameters:
    ///   - configurationHash: The configuration's content hash (platform URLs as configured, not
    ///     as resolved at run time).
    ///   - seedSalt: The sweep's seed salt.
    ///   - time: Seconds since 1970.
    public static func derived(configurationHash: String, seedSalt: UInt64, at time: Double) -> String {
        let hours = Int64((time / 3_600).rounded(.down))
        let (days, hour) = hours.quotientAndRemainder(dividingBy: 24)
        let (year, month, day) = civilDate(daysSince1970: days)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let stamp = "\(year)\(two(month))\(two(day))\(two(hour))"
        return "\(configurationHash.prefix(12))-\(stamp)" + (seedSalt == 0 ? "" : "-s\(seedSalt)")
    }

    /// Checks an explicit key: 1–128 characters of letters, digits and `._:-`.
    public static func validated(_ key: String) throws(ShardError) -> String {
        let allowed = key.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._:-".unicodeScalars.contains($0))
        }
        guard !key.isEmpty, key.count <= 128, allowed else {
            throw ShardError("--run-key: '\(key.prefix(60))' must be 1–128 letters, digits or ._:-")
        }
        return key
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    public static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
