import Foundation

/// A small SVG writer: elements appended in order, every coordinate written
/// with two decimals, every text escaped, so the same drawing gives the same bytes.
struct SVG {
    let width: Double
    let height: Double
    private(set) var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A coordinate or length: two decimals, no trailing zeros, no "-0".
    /// The same text as ``printed(_:)``, written from whole hundredths when the
    /// rounding to them cannot be in doubt (figures write thousands of coordinates).
    static func f(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        return hundredths(x) ?? printed(x)
    }

    /// The definition of ``f(_:)``: C's `%.2f`, which rounds the exact binary
    /// value (ties to even), then trailing zeros and the point dropped, "-0" as "0".
    static func printed(_ x: Double) -> String {
        var text = NumberFormat.format(x, .fixed, precision: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// ``printed(_:)`` without `printf`, or nil where it could differ. For
    /// |x·100| < 10¹² the product's rounding error is below 2⁻¹³, so when the
    /// rounded product p lies within 0.49 of a whole number n, the exact x·100
    /// lies within 0.4902 of n: n is its nearest whole number, the hundredths
    /// `%.2f` prints. Nearer to a half (0.125·100 is exactly one), printf decides.
    static func hundredths(_ x: Double) -> String? {
        let p = x * 100
        guard abs(p) < 1e12 else { return nil }
        let n = p.rounded(.toNearestOrEven)
        guard abs(p - n) < 0.49 else { return nil }
        let whole = Int(n)
        if whole == 0 { return "0" }
        let magnitude = whole.magnitude
        let (units, cents) = magnitude.quotientAndRemainder(dividingBy: 100)
        var text = whole < 0 ? "-" : ""
        text += String(units)
        if cents != 0 {
            text += cents % 10 == 0 ? "." + String(cents / 10) : (cents < 10 ? ".0" : ".") + String(cents)
        }
        return text
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body.append("<line x1=\"\(Self.f(x1))\" y1=\"\(Self.f(y1))\" x2=\"\(Self.f(x2))\" y2=\"\(Self.f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.f(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    /// A raster image drawn from PNG bytes, its pixels kept sharp when scaled.
    mutating func image(_ x: Double, _ y: Double, _ w: Double, _ h: Double, png: [UInt8]) {
        body.append("<image x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(w))\" height=\"\(Self.f(h))\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,\(Data(png).base64EncodedString())\"/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil, opacity: Double? = nil) {
        body.append("<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(w))\" height=\"\(Self.f(h))\" fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\"" } ?? "") + (opacity.map { " fill-opacity=\"\(Self.f($0))\"" } ?? "") + "/>")
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, stroke: String = "#ffffff") {
        body.append("<circle cx=\"\(Self.f(x))\" cy=\"\(Self.f(y))\" r=\"\(Self.f(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"0.8\"/>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, stroke: String = "#ffffff") {
        let list = points.map { "\(Self.f($0.0)),\(Self.f($0.1))" }.joined(separator: " ")
        body.append("<polygon points=\"\(list)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"0.8\"/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        let list = points.map { "\(Self.f($0.0)),\(Self.f($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.f(width))\" stroke-linejoin=\"round\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    mutating func text(_ x: Double, _ y: Double, _ content: String, size: Double = 12, anchor: String = "middle", weight: String? = nil, fill: String = "#222222", rotate: Bool = false) {
        let transform = rotate ? " transform=\"rotate(-90 \(Self.f(x)) \(Self.f(y)))\"" : ""
        body.append("<text x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" font-size=\"\(Self.f(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\"" + (weight.map { " font-weight=\"\($0)\"" } ?? "") + transform + ">\(HTML.escape(content))</text>")
    }

    mutating func arrow(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String) {
        line(x1, y1, x2, y2, stroke: stroke, width: 2.5)
        let angle = atan2(y2 - y1, x2 - x1)
        let head = 10.0
        let left = (x2 - head * cos(angle - 0.4), y2 - head * sin(angle - 0.4))
        let right = (x2 - head * cos(angle + 0.4), y2 - head * sin(angle + 0.4))
        body.append("<polygon points=\"\(Self.f(x2)),\(Self.f(y2)) \(Self.f(left.0)),\(Self.f(left.1)) \(Self.f(right.0)),\(Self.f(right.1))\" fill=\"\(stroke)\"/>")
    }

    mutating func raw(_ element: String) { body.append(element) }

    /// The width a title takes at `size`, bold: 0.65 em a character, DejaVu
    /// Sans Bold's widest lower-case letters, so a title drawn in it fits.
    static func titleWidth(_ title: String, size: Double = 15) -> Double {
        Double(title.count) * size * 0.65
    }

    /// A figure's title, centred at the top: at 15 px, or smaller when the
    /// figure is too narrow for it (never under 9 px), so it is never clipped.
    mutating func title(_ title: String) {
        let size = max(9, min(15, (width - 20) / max(1, Self.titleWidth(title, size: 1))))
        text(width / 2, 24, title, size: size, weight: "bold")
    }

    /// The document, with an accessible title. Its `--figure-width` lets the
    /// site's style sheet keep it from shrinking past legibility on a phone.
    func render(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" style=\"--figure-width: \(Self.f(width))px\" role=\"img\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n<title>\(HTML.escape(title))</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
            + body.joined(separator: "\n") + "\n</svg>\n"
    }
}
