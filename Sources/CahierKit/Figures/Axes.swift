import Foundation

/// A rectangle of data coordinates drawn into a plot area, with ticks and labels.
struct Axes {
    var xRange: ClosedRange<Double>
    var yRange: ClosedRange<Double>
    /// The plot area in pixels: left, top, width, height.
    var frame: (x: Double, y: Double, width: Double, height: Double)

    /// The palette of classes and series (colour-blind friendly, Okabe and Ito).
    static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000", "#999999", "#882255"]

    init(x: ClosedRange<Double>, y: ClosedRange<Double>, frame: (x: Double, y: Double, width: Double, height: Double)) {
        xRange = Axes.padded(x)
        yRange = Axes.padded(y)
        self.frame = frame
    }

    /// A range with room around it, never empty.
    static func padded(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
        guard r.lowerBound.isFinite, r.upperBound.isFinite else { return 0...1 }
        if r.upperBound - r.lowerBound < 1e-12 { return (r.lowerBound - 1)...(r.upperBound + 1) }
        return r
    }

    /// The data range of values with a margin of `margin` of its width on each side.
    /// Its bounds are finite: without room for the margin, the values' own range.
    static func range(_ values: [Double], margin: Double = 0.05) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        let pad = (high / 2 - low / 2) * 2 * margin
        let (lower, upper) = (low - pad, high + pad)
        return lower.isFinite && upper.isFinite ? lower...upper : low...high
    }

    /// The range of `half` on each side of `centre`, within the finite numbers.
    static func around(_ centre: Double, half: Double) -> ClosedRange<Double> {
        let lower = max(centre - half, -Double.greatestFiniteMagnitude), upper = min(centre + half, Double.greatestFiniteMagnitude)
        return lower <= upper ? lower...upper : 0...1
    }

    func px(_ x: Double) -> Double {
        frame.x + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * frame.width
    }

    func py(_ y: Double) -> Double {
        frame.y + frame.height - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * frame.height
    }

    /// "Nice" tick values (1, 2 or 5 times a power of ten) covering a range.
    static func ticks(_ r: ClosedRange<Double>, count: Int = 6) -> [Double] {
        let span = r.upperBound - r.lowerBound
        guard span > 0, span.isFinite else { return [r.lowerBound] }
        let rough = span / Double(count)
        let power = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        var ticks: [Double] = []
        var t = ceil(r.lowerBound / step) * step
        while t <= r.upperBound + step * 1e-9, ticks.count < 50 {
            ticks.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return ticks
    }

    /// A tick label: up to 4 significant digits.
    static func label(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e6 { return String(Int(x)) }
        var text = NumberFormat.format(x, .general, precision: 4)
        if text.contains("e") { return text }
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// Frame, grid, ticks and axis labels.
    func draw(into svg: inout SVG, xLabel: String, yLabel: String) {
        svg.rect(frame.x, frame.y, frame.width, frame.height, fill: "#ffffff", stroke: "#888888")
        for t in Axes.ticks(xRange) {
            let x = px(t)
            svg.line(x, frame.y, x, frame.y + frame.height, stroke: "#eeeeee")
            svg.line(x, frame.y + frame.height, x, frame.y + frame.height + 5, stroke: "#555555")
            svg.text(x, frame.y + frame.height + 18, Axes.label(t), size: 11)
        }
        for t in Axes.ticks(yRange) {
            let y = py(t)
            svg.line(frame.x, y, frame.x + frame.width, y, stroke: "#eeeeee")
            svg.line(frame.x - 5, y, frame.x, y, stroke: "#555555")
            svg.text(frame.x - 8, y + 4, Axes.label(t), size: 11, anchor: "end")
        }
        svg.text(frame.x + frame.width / 2, frame.y + frame.height + 38, xLabel, size: 13)
        svg.text(frame.x - 46, frame.y + frame.height / 2, yLabel, size: 13, rotate: true)
    }

    /// A marker for class `c`: circles, squares, triangles, then circles again.
    func marker(into svg: inout SVG, _ x: Double, _ y: Double, classIndex c: Int) {
        let color = Axes.colors[((c % Axes.colors.count) + Axes.colors.count) % Axes.colors.count]
        let (cx, cy) = (px(x), py(y))
        switch ((c % 3) + 3) % 3 {
        case 0: svg.circle(cx, cy, r: 4.5, fill: color)
        case 1: svg.rect(cx - 4, cy - 4, 8, 8, fill: color, stroke: "#ffffff")
        default: svg.polygon([(cx, cy - 5.5), (cx + 5, cy + 4), (cx - 5, cy + 4)], fill: color)
        }
    }

    /// A legend of coloured entries in a row under the plot area, where it hides no data.
    func legend(into svg: inout SVG, _ entries: [(label: String, color: String)]) {
        guard !entries.isEmpty else { return }
        let widths = entries.map { Double($0.label.count) * 7 + 30 }
        var x = frame.x + (frame.width - widths.reduce(0, +)) / 2
        let y = frame.y + frame.height + 58
        for (entry, width) in zip(entries, widths) {
            svg.rect(x, y - 9, 14, 10, fill: entry.color)
            svg.text(x + 19, y, entry.label, size: 12, anchor: "start")
            x += width
        }
    }
}
