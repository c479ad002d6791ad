import Foundation

/// One student's Gradescope submission (the folder `/autograder/submission/`)
/// graded into Gradescope's results.json.
public enum GradescopeSubmission {
    /// The notebook of a submission folder: the one `.md` file in it (at any
    /// depth, hidden files, READMEs and `data/` folders aside), or the one named
    /// like the sheet among several; otherwise why there is none to grade,
    /// in words for the student.
    public static func notebook(in folder: String, sheetName: String) -> Result<String, Refusal> {
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let notebooks = NotebookFinder.markdownFiles(under: base).filter { file in
            !file.dropFirst(base.count + 1).split(separator: "/").contains { GradeBatch.isIgnored(String($0)) }
        }
        switch notebooks.count {
        case 0:
            return .failure(Refusal("your submission holds no notebook (a .md file); hand in \(sheetName)"))
        case 1:
            return .success(notebooks[0])
        default:
            if let named = notebooks.first(where: { ($0 as NSString).lastPathComponent == sheetName }) { return .success(named) }
            let list = notebooks.map { String($0.dropFirst(base.count + 1)) }.joined(separator: ", ")
            return .failure(Refusal("your submission holds several notebooks (\(list)); hand in one, or name the one to grade \(sheetName)"))
        }
    }

    public struct Refusal: Error, Sendable, Hashable {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    /// Grades the submission in `folder` with `batch` (in a worker process, with
    /// its time and memory limits). A submission without one clear notebook
    /// gets every check failed with the reason.
    public static func grade(_ folder: String, batch: GradeBatch) -> GradeResult {
        let sheetName = (batch.sheetPath as NSString).lastPathComponent
        switch notebook(in: folder, sheetName: sheetName) {
        case .success(let path):
            let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            return batch.grade([GradeBatch.Entry(id: id, path: path)]).first
                ?? GradeResult(sheet: batch.sheet, handIn: id, events: [], stopped: .noResult)
        case .failure(let refusal):
            return GradeResult(sheet: batch.sheet, handIn: "submission", events: [], stopped: .submissionRefused(refusal.reason))
        }
    }
}
