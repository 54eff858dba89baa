/// The August–September 2025 postmortem replayed on a compressed clock: hourly sweeps over a
/// number of simulated days, a healthy control platform, and each of the three bugs on its own
/// platform from its onset day.
///
/// Times are seconds on the fleet's clock, whose origin is the first sweep; sweep `i` runs at
/// `i × 3600`.
public struct PostmortemTimeline: Sendable, Equatable {
    /// One bug of the replay.
    public struct Bug: Sendable, Equatable {
        /// Which fault.
        public var kind: Fault.Kind
        /// The platform that has it.
        public var platform: String
        /// The first sweep it affects.
        public var onsetSweep: Int
        /// Share of requests (of routing keys, for misrouting) affected from the onset.
        public var rate: Double
        /// A day of the replay on which the rate is raised (misrouting: 16% at the peak).
        public var peak: Peak?
    }

    /// A day at a raised rate.
    public struct Peak: Sendable, Equatable {
        /// The day of the replay, from 0.
        public var day: Int
        /// The share affected that day.
        public var rate: Double
    }

    /// Simulated days.
    public var days: Int
    /// Sweeps per simulated day.
    public var sweepsPerDay: Int
    /// The platforms: the reference, the healthy control and one per bug.
    public var scenario: FleetScenario
    /// The healthy control platform.
    public var control: String
    /// The bugs, in onset order.
    public var bugs: [Bug]

    /// Seconds between sweeps on the fleet's clock.
    public static let sweepInterval = 3_600.0

    /// The replay's default: 30 days of hourly sweeps.
    ///
    /// Misrouting reaches 0.8% of routing keys on
    /// `gpu-h100` from day 4 and 16% on day 27 (the peak of the real incident); token corruption
    /// on `tpu-v5e` from day 12 and approximate top-k on `trainium` from day 20, each at 0.8% of
    /// requests; `gpu-a100` stays healthy with bf16 numerics throughout.
    public static func standard(days: Int = 30, rate: Double = 0.008, peakRate: Double = 0.16) -> PostmortemTimeline {
        let perDay = 24
        func day(_ fraction: Double) -> Int { Int(fraction * Double(days)) }
        let bugs = [
            Bug(
                kind: .contextMisroute, platform: "gpu-h100", onsetSweep: day(4.0 / 30) * perDay + 9, rate: rate,
                peak: Peak(day: day(27.0 / 30), rate: peakRate)),
            Bug(kind: .tokenCorruption, platform: "tpu-v5e", onsetSweep: day(12.0 / 30) * perDay + 15, rate: rate, peak: nil),
            Bug(kind: .approxTopK, platform: "trainium", onsetSweep: day(20.0 / 30) * perDay + 3, rate: rate, peak: nil),
        ]
        var platforms = [
            FleetPlatform(name: "reference", numerics: .exact, replicas: 2),
            FleetPlatform(name: "gpu-a100", numerics: .bfloat16),
            FleetPlatform(name: "gpu-h100", numerics: .bfloat16),
            FleetPlatform(name: "tpu-v5e", numerics: .noise(0.01)),
            FleetPlatform(name: "trainium", numerics: .bfloat16),
        ]
        for bug in bugs {
            guard let index = platforms.firstIndex(where: { $0.name == bug.platform }) else { continue }
            platforms[index].faults = bug.faults(sweepsPerDay: perDay)
        }
        return PostmortemTimeline(
            days: days, sweepsPerDay: perDay,
            scenario: FleetScenario(model: FleetScenario.standard.model, platforms: platforms, reference: "reference"),
            control: "gpu-a100", bugs: bugs
        )
    }

    /// Sweeps in the replay.
    public var sweeps: Int { days * sweepsPerDay }

    /// The fleet clock's time of a sweep.
    public static func time(ofSweep index: Int) -> Double { Double(index) * sweepInterval }

    /// The share affected on a platform at a sweep (0 where the platform has no bug).
    public func rate(on platform: String, atSweep index: Int) -> Double {
        let time = Self.time(ofSweep: index)
        return scenario.platform(named: platform)?.faults.map { $0.rate(at: time) }.max() ?? 0
    }
}

extension PostmortemTimeline.Bug {
    /// The fleet faults of the bug: the onset rate from its sweep on, and the raised rate for its
    /// peak day.
    ///
    /// Misrouting draws the same value per routing key for both, so the keys misrouted at
    /// 0.8% stay misrouted at 16% (sticky).
    public func faults(sweepsPerDay: Int) -> [Fault] {
        let onset = PostmortemTimeline.time(ofSweep: onsetSweep)
        var faults = [Fault(kind: kind, rate: rate, start: onset)]
        if let peak {
            let start = PostmortemTimeline.time(ofSweep: peak.day * sweepsPerDay)
            faults.append(
                Fault(kind: kind, rate: peak.rate, start: max(start, onset), end: start + Double(sweepsPerDay) * PostmortemTimeline.sweepInterval))
        }
        return faults
    }
}
