import CahierLearning

/// The data readers' fuzz targets: any bytes are read as a table, a `.npy`
/// array, an `.npz` archive or a PNG image under small limits. Each reader
/// returns within its limits or refuses with a ``DataFileError`` that points
/// inside the input; any other error, or a result over a limit, breaks the property.
extension FuzzTargets {
    /// The element limit the data targets read under.
    static let dataElements = 10_000

    /// Why `error` is not a refusal the readers may give, or nil when it is one.
    /// A refusal of a member of an archive (its path the archive's and the member's) points inside the member, not the input.
    static func refusal(_ error: any Error, of bytes: [UInt8]) -> String? {
        guard let error = error as? DataFileError else { return "an error that is not a DataFileError: \(error)" }
        if error.message.isEmpty { return "a refusal without a message" }
        if error.isOffset, !error.path.contains("/"), !(0...bytes.count).contains(error.line) { return "a refusal at byte \(error.line) of \(bytes.count)" }
        if !error.isOffset, error.line < 0 || error.column < 0 { return "a refusal at line \(error.line), column \(error.column)" }
        return nil
    }

    /// A table (comma- and tab-separated) is read or refused; when read, its
    /// columns are named once each, every column has one field per row, and
    /// each column's numbers are read or refused at a line and column of the file.
    public static func csv(_ bytes: [UInt8]) -> String? {
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: "\t")] {
            let table: DataTable
            do {
                table = try DataTable(bytes: bytes, path: "fuzz.csv", delimiter: delimiter, maximumFields: dataElements)
            } catch {
                if let broken = refusal(error, of: bytes) { return broken }
                continue
            }
            if Set(table.columns).count != table.columns.count { return "two columns of one name were read" }
            if (table.rowCount + 1) * table.columns.count > dataElements { return "\(table.rowCount) rows of \(table.columns.count) columns, over the limit" }
            for (k, name) in table.columns.enumerated() {
                if table.column(named: name) != k { return "column \(name) is not found at \(k)" }
                if table.texts(k).count != table.rowCount { return "column \(name) has not one field per row" }
                do {
                    if try table.numbers(k).count != table.rowCount { return "column \(name) has not one number per row" }
                } catch {
                    if let broken = refusal(error, of: bytes) { return broken }
                    guard let error = error as? DataFileError, error.line >= 2, error.column >= 1 else { return "a missing number not at a line and column of a row" }
                }
            }
        }
        return nil
    }

    /// A `.npy` file is read within the element limit, or refused.
    public static func npy(_ bytes: [UInt8]) -> String? {
        do {
            let array = try NumPyFile.array(bytes: bytes, path: "fuzz.npy", maximumElements: dataElements)
            if array.count > dataElements { return "an array of \(array.count) elements, over the limit" }
            // Every value read is 8 bytes of data at most, after a header of 10 bytes at least.
            if array.count > bytes.count - 10 { return "\(array.count) elements from \(bytes.count) bytes" }
        } catch {
            return refusal(error, of: bytes)
        }
        return nil
    }

    /// An `.npz` archive is read within its byte and element limits, its names once each, or refused.
    public static func npz(_ bytes: [UInt8]) -> String? {
        do {
            let arrays = try NumPyFile.arrays(bytes: bytes, path: "fuzz.npz", maximumBytes: 100_000, maximumElements: dataElements)
            if arrays.reduce(0, { $0 + max($1.array.count, 1) }) > dataElements { return "arrays over the element limit" }
            if Set(arrays.map(\.name)).count != arrays.count { return "two arrays of one name" }
        } catch {
            return refusal(error, of: bytes)
        }
        return nil
    }

    /// A PNG is read as [H, W, C] with 1 to 4 channels and values in [0, 1], within the element limit, or refused.
    public static func png(_ bytes: [UInt8]) -> String? {
        do {
            let image = try ImageFile.png(bytes, path: "fuzz.png", maximumElements: dataElements)
            guard image.shape.count == 3, (1...4).contains(image.shape[2]) else { return "an image of shape \(image.shape)" }
            if image.count > dataElements { return "an image of \(image.count) numbers, over the limit" }
            if !image.scalars.allSatisfy({ $0 >= 0 && $0 <= 1 }) { return "a value outside [0, 1]" }
        } catch {
            return refusal(error, of: bytes)
        }
        return nil
    }
}
