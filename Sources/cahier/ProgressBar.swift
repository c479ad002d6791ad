import CahierKit
import CahierLearning
import Foundation

/// Draws training progress on standard error when it is a terminal; never in outputs.
enum ProgressBar {
    /// The reporter to give a notebook run, or nil when standard error is not a terminal.
    static var reporter: (@Sendable (EpochReport) -> Void)? {
        guard isatty(2) == 1 else { return nil }
        return { report in
            // Redraw at most once per percent.
            let percent = report.epochs > 0 ? 100 * report.epoch / report.epochs : 100
            let previous = report.epochs > 0 ? 100 * (report.epoch - 1) / report.epochs : -1
            guard percent != previous || report.epoch == report.epochs else { return }
            let width = 30
            let done = report.epochs > 0 ? width * report.epoch / report.epochs : width
            let bar = String(repeating: "█", count: done) + String(repeating: "·", count: width - done)
            var line = "\r  training \(bar) epoch \(report.epoch)/\(report.epochs)  loss \(String(format: "%.4g", report.loss))"
            if report.epoch == report.epochs { line += "\r\u{1B}[2K" }
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}
