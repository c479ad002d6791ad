import CahierLearning
import Foundation

/// The course's figures, drawn as SVG. Every figure is 600 pixels wide at most
/// and a pure function of its data, so it is the same to the byte on every run.
///
/// Every figure is bounded before it is drawn: at most ``maximumPoints``
/// points (markers of a data set, values of one line), ``maximumSeries``
/// lines, ``maximumPixels`` pixels of images in all, a matrix of 30×30; a
/// figure over a limit is refused, naming the limit and the count. The bytes
/// of its SVG then count as output of the command (`max-output`,
/// `max-notebook-output`).
public enum Plots {
    /// The most points one figure draws: rows of a data set, values of one line.
    public static let maximumPoints = 100_000
    /// The most lines of one line plot.
    public static let maximumSeries = 10
    /// The most pixels one image, or all the images of a grid together, may have.
    public static let maximumPixels = 4_000_000

    /// Points of a 2-D data set coloured by class; optionally a classifier's
    /// regions shaded on a grid, and a linear boundary w₁x₁ + w₂x₂ + w₀ = 0 with
    /// the vector w drawn from it. Both axes have the same scale, so w looks
    /// perpendicular to the line, as it is.
    /// `what` names the builtin in messages.
    /// A 2-D data plot's axis labels and legend: the names of the classes in
    /// order (the labels sorted), and for the others `classWord` with `{label}`.
    public struct DataAxes: Sendable {
        public var x = "x₁"
        public var y = "x₂"
        public var classes: [String] = []
        public var classWord = "class {label}"

        public init(x: String = "x₁", y: String = "x₂", classes: [String] = [], classWord: String = "class {label}") {
            self.x = x
            self.y = y
            self.classes = classes
            self.classWord = classWord
        }

        func name(ofClass place: Int, label: Double) -> String {
            place < classes.count ? classes[place] : Catalogue.filling(classWord, ["label": Display.number(label)])
        }
    }

    public static func data(
        points: Tensor, labels: Tensor, title: String, axes names: DataAxes = DataAxes(), boundary: (w0: Double, w1: Double, w2: Double)? = nil,
        regions: ((Double, Double) throws -> Int)? = nil, resolution: Int = 60, what: String = "plotData"
    ) throws -> Figure {
        guard points.rank == 2, points.shape[1] == 2, labels.count == points.shape[0] else {
            throw RuntimeError(.plotPoints(function: what, shape: points.shape, labels: labels.count))
        }
        let n = points.shape[0]
        try checkPoints(n, what)
        let xs = (0..<n).map { points.scalars[2 * $0] }, ys = (0..<n).map { points.scalars[2 * $0 + 1] }
        var xr = Axes.range(xs, margin: 0.12), yr = Axes.range(ys, margin: 0.12)
        // Equal scales: widen the narrower range around its centre. Halves are
        // taken before sums, so that no bound overflows, even at ±1.7e308.
        let half = max(xr.upperBound / 2 - xr.lowerBound / 2, yr.upperBound / 2 - yr.lowerBound / 2, 5e-10)
        xr = Axes.around(xr.lowerBound / 2 + xr.upperBound / 2, half: half)
        yr = Axes.around(yr.lowerBound / 2 + yr.upperBound / 2, half: half)
        var svg = SVG(width: 600, height: 556)
        let axes = Axes(x: xr, y: yr, frame: (x: 90, y: 40, width: 440, height: 440))
        svg.title(title)
        axes.draw(into: &svg, xLabel: names.x, yLabel: names.y)
        if let regions {
            let steps = regionSteps(resolution)
            let dx = 2 * (half / Double(steps))
            // Opaque cells in a translucent group: neighbours overlap without darker seams.
            svg.raw("<g opacity=\"0.2\">")
            defer { svg.raw("</g>") }
            for i in 0..<steps {
                for j in 0..<steps {
                    let x = xr.lowerBound + (Double(i) + 0.5) * dx, y = yr.lowerBound + (Double(j) + 0.5) * dx
                    let c = try regions(x, y)
                    svg.rect(axes.px(x - dx / 2), axes.py(y + dx / 2), axes.px(x + dx / 2) - axes.px(x - dx / 2) + 0.3,
                             axes.py(y - dx / 2) - axes.py(y + dx / 2) + 0.3, fill: color(c))
                }
            }
        }
        if let b = boundary { drawBoundary(b, axes: axes, into: &svg) }
        let classes = Array(Set(labels.scalars)).sorted()
        // Each class's place among the classes, looked up in constant time (a label that is no key, NaN, gets 0).
        var places: [Double: Int] = [:]
        for (place, label) in classes.enumerated() where places[label] == nil { places[label] = place }
        for k in 0..<n { axes.marker(into: &svg, xs[k], ys[k], classIndex: classIndex(labels.scalars[k], places)) }
        axes.legend(into: &svg, classes.enumerated().map { (label: names.name(ofClass: $0.offset, label: $0.element), color: color(classIndex($0.element, places))) })
        return Figure(title: title, svg: svg.render(title: title))
    }

    /// Refuses a figure of more than ``maximumPoints`` points.
    static func checkPoints(_ count: Int, _ what: String) throws {
        guard count <= maximumPoints else {
            throw RuntimeError(.tooManyPoints(function: what, count: count, limit: maximumPoints))
        }
    }

    /// The cells of one side of the grid a classifier's regions are shaded on.
    static func regionSteps(_ resolution: Int) -> Int { max(4, min(resolution, 150)) }

    /// A label's colour and marker: a class 0 to 99 its own, another label its place among the classes.
    private static func classIndex(_ label: Double, _ places: [Double: Int]) -> Int {
        if label == label.rounded(), label >= 0, label < 100 { return Int(label) }
        return places[label] ?? 0
    }

    static func color(_ c: Int) -> String { Axes.colors[((c % Axes.colors.count) + Axes.colors.count) % Axes.colors.count] }

    /// The line w₁x + w₂y + w₀ = 0 clipped to the plot, and w as an arrow from its point nearest the centre.
    private static func drawBoundary(_ b: (w0: Double, w1: Double, w2: Double), axes: Axes, into svg: inout SVG) {
        let norm2 = b.w1 * b.w1 + b.w2 * b.w2
        guard norm2 > 0 else { return }
        let (x0, x1) = (axes.xRange.lowerBound, axes.xRange.upperBound)
        let (y0, y1) = (axes.yRange.lowerBound, axes.yRange.upperBound)
        var ends: [(Double, Double)] = []
        if b.w2 != 0 {
            for x in [x0, x1] { let y = -(b.w0 + b.w1 * x) / b.w2; if y >= y0 && y <= y1 { ends.append((x, y)) } }
        }
        if b.w1 != 0 {
            for y in [y0, y1] { let x = -(b.w0 + b.w2 * y) / b.w1; if x >= x0 && x <= x1 { ends.append((x, y)) } }
        }
        guard ends.count >= 2 else { return }
        svg.line(axes.px(ends[0].0), axes.py(ends[0].1), axes.px(ends[1].0), axes.py(ends[1].1), stroke: "#222222", width: 2)
        // The point of the line nearest the centre of the view, and w scaled to a fifth of the view.
        let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2)
        let t = (b.w1 * cx + b.w2 * cy + b.w0) / norm2
        let (px, py) = (cx - t * b.w1, cy - t * b.w2)
        var length = (x1 - x0) / 5 / norm2.squareRoot()
        // Shorter when the line passes near an edge, so that the arrow ends inside the view.
        for (start, step, low, high) in [(px, b.w1, x0, x1), (py, b.w2, y0, y1)] where step != 0 {
            length = min(length, max(0, (step > 0 ? high - start : low - start) / step))
        }
        let (ex, ey) = (axes.px(px + b.w1 * length), axes.py(py + b.w2 * length))
        svg.arrow(axes.px(px), axes.py(py), ex, ey, stroke: "#CC0000")
        // The label beside the arrow's head, kept inside the figure.
        svg.text(min(ex + 8, svg.width - 14), max(16, ey - 6), "w", size: 14, anchor: "start", weight: "bold", fill: "#CC0000")
    }

    /// Line plots of one or more series against x.
    public static func lines(x: [Double], series: [(label: String, values: [Double])], title: String, xLabel: String, yLabel: String,
                             dashed: Set<Int> = []) -> Figure {
        var svg = SVG(width: 600, height: 416)
        let all = series.flatMap(\.values)
        let axes = Axes(x: Axes.range(x, margin: 0.02), y: Axes.range(all + (all.isEmpty ? [0, 1] : []), margin: 0.08),
                        frame: (x: 80, y: 40, width: 490, height: 300))
        svg.title(title)
        axes.draw(into: &svg, xLabel: xLabel, yLabel: yLabel)
        for (i, s) in series.enumerated() {
            let pts = zip(x, s.values).filter { $0.1.isFinite }.map { (axes.px($0.0), axes.py($0.1)) }
            if pts.count == 1 { svg.circle(pts[0].0, pts[0].1, r: 3, fill: color(i)) }
            svg.polyline(pts, stroke: color(i), width: 2.2, dash: dashed.contains(i) ? "6 4" : nil)
        }
        if series.count > 1 || !(series.first?.label.isEmpty ?? true) {
            axes.legend(into: &svg, series.enumerated().map { (label: $1.label, color: color($0)) })
        }
        return Figure(title: title, svg: svg.render(title: title))
    }

    /// A matrix as a heat map with its numbers, such as a confusion matrix
    /// (rows: true class, columns: predicted class).
    public static func matrix(_ m: Tensor, title: String, xLabel: String, yLabel: String) throws -> Figure {
        guard m.rank == 2, m.shape[0] > 0, m.shape[0] <= 30, m.shape[1] > 0, m.shape[1] <= 30 else {
            throw RuntimeError(.plotMatrixSize)
        }
        let (r, c) = (m.shape[0], m.shape[1])
        let cell = min(44.0, 440.0 / Double(max(r, c)))
        // As wide as the title needs, the matrix centred in it.
        let content = Double(c) * cell + 140
        var svg = SVG(width: max(content, SVG.titleWidth(title) + 40), height: Double(r) * cell + 110)
        svg.title(title)
        let high = max(m.scalars.filter(\.isFinite).max() ?? 1, 1e-12)
        let (ox, oy) = (90.0 + (svg.width - content) / 2, 44.0)
        for i in 0..<r {
            for j in 0..<c {
                let v = m.scalars[i * c + j]
                let t = max(0, min(1, v / high))
                svg.rect(ox + Double(j) * cell, oy + Double(i) * cell, cell, cell, fill: rgb(255 - 255 * t, 255 - 160 * t, 255 - 55 * t), stroke: "#ffffff")
                svg.text(ox + (Double(j) + 0.5) * cell, oy + (Double(i) + 0.5) * cell + 4, Display.number(v), size: cell > 30 ? 12 : 9,
                         fill: t > 0.55 ? "#ffffff" : "#222222")
            }
            svg.text(ox - 8, oy + (Double(i) + 0.5) * cell + 4, String(i), size: 11, anchor: "end")
        }
        for j in 0..<c { svg.text(ox + (Double(j) + 0.5) * cell, oy + Double(r) * cell + 16, String(j), size: 11) }
        svg.text(ox + Double(c) * cell / 2, oy + Double(r) * cell + 40, xLabel, size: 13)
        svg.text(ox - 40, oy + Double(r) * cell / 2, yLabel, size: 13, rotate: true)
        return Figure(title: title, svg: svg.render(title: title))
    }

    private static let hexDigits = Array("0123456789ABCDEF")

    private static func rgb(_ r: Double, _ g: Double, _ b: Double) -> String {
        func clamp(_ x: Double) -> Int { Int(max(0, min(255, x.rounded()))) }
        return "#" + [r, g, b].map { let v = clamp($0); return String([hexDigits[v >> 4], hexDigits[v & 15]]) }.joined()
    }
}

/// Images drawn the way `imshow` draws them: a grey image scaled from its
/// smallest value (black) to its largest (white), or with `signed` from blue
/// (negative) through white (0) to red (positive); an RGB or RGBA image with
/// its values in [0, 1] as colours (alpha blended over white). Each image is
/// one PNG inside the SVG, its pixels kept sharp.
extension Plots {
    /// One image: [H, W] grey, [H, W, C] with C = 1 (grey), 3 (RGB) or 4 (RGBA), or a vector of a square number of grey pixels.
    public static func image(_ image: Tensor, title: String, signed: Bool) throws -> Figure {
        let picture = try Picture(image, what: "plotImage")
        let scale = max(1.0, min(64.0, 420.0 / Double(max(picture.width, picture.height))))
        let (w, h) = (Double(picture.width) * scale, Double(picture.height) * scale)
        var svg = SVG(width: max(w + 40, 200, SVG.titleWidth(title) + 40), height: h + 60)
        svg.title(title)
        svg.image((svg.width - w) / 2, 40, w, h, png: try picture.png(signed: signed))
        return Figure(title: title, svg: svg.render(title: title))
    }

    /// Images in a grid: rows of a matrix (each of a square number of grey
    /// pixels, or of `shape` [H, W, C] stored channels first, as `load` makes
    /// a folder of images and as CIFAR stacks them), or a tensor [N, H, W] or [N, H, W, C].
    public static func imageGrid(_ images: Tensor, shape: [Int]?, labels: [String], columns: Int, title: String, signed: Bool) throws -> Figure {
        let pictures = try Picture.all(images, shape: shape)
        let pixels = pictures.reduce(0) { $0 + $1.width * $1.height }
        guard pixels <= maximumPixels else {
            throw RuntimeError(.drawing(.totalPixels(pixels, images: pictures.count, limit: maximumPixels)))
        }
        let cols = max(1, min(columns, pictures.count))
        let rows = (pictures.count + cols - 1) / cols
        let largest = Double(pictures.map { max($0.width, $0.height) }.max() ?? 1)
        let cell = min(96.0, max(24.0, 640.0 / Double(cols)))
        let scale = (cell - 6) / largest
        // As wide as the title needs, the grid centred in it; labels of 13 px under the images.
        let content = Double(cols) * cell + 40
        var svg = SVG(width: max(content, SVG.titleWidth(title) + 40), height: Double(rows) * (cell + 20) + 50)
        svg.title(title)
        let left = 20 + (svg.width - content) / 2
        for (k, picture) in pictures.enumerated() {
            let ox = left + Double(k % cols) * cell, oy = 40 + Double(k / cols) * (cell + 20)
            svg.image(ox, oy, Double(picture.width) * scale, Double(picture.height) * scale, png: try picture.png(signed: signed))
            if k < labels.count { svg.text(ox + (cell - 6) / 2, oy + cell + 10, labels[k], size: 13) }
        }
        return Figure(title: title, svg: svg.render(title: title))
    }
}
