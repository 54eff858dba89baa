/// A failure rate over runs as a tiny inline SVG line (no axes): the overview grid's trend.
enum Sparkline {
    static func svg(_ rates: [Double?], width: Double = 90, height: Double = 22) -> String {
        let known = rates.enumerated().compactMap { index, rate in rate.map { (index, $0) } }
        guard !known.isEmpty else { return "" }
        let highest = max(0.01, known.map(\.1).max() ?? 0)
        let step = rates.count > 1 ? width / Double(rates.count - 1) : 0
        let points = known.map { index, rate in
            String(format: "%.1f,%.1f", Double(index) * step, height - 2 - rate / highest * (height - 4))
        }
        let shape =
            points.count == 1
            ? "<circle cx=\"\(points[0].split(separator: ",")[0])\" cy=\"\(points[0].split(separator: ",")[1])\" r=\"2\" fill=\"#1f5fbf\"/>"
            : "<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"1.5\" points=\"\(points.joined(separator: " "))\"/>"
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\">\(shape)</svg>"
    }
}
