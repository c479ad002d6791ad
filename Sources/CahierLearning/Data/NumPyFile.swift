import Czlib

/// NumPy's file formats, as NumPy documents them (`numpy.lib.format`): a
/// `.npy` file holds one array, a `.npz` file is a ZIP archive of `.npy`
/// files (stored by `np.savez`, deflated by `np.savez_compressed`).
///
/// Read: little-endian (or single-byte) floats (`f8`, `f4`, `f2`), signed and
/// unsigned integers of 1 to 8 bytes and booleans, in C order, as float64.
/// Refused, saying why: Fortran order, big-endian data, object arrays,
/// strings and structured types; an array with more elements than `maximumElements`.
public enum NumPyFile {
    /// The array of a `.npy` file.
    public static func array(_ path: String, maximumBytes: Int = DataFile.defaultMaximumBytes, maximumElements: Int = Int.max) throws -> Tensor {
        try array(DataFile.read(path, maximumBytes: maximumBytes)[...], path: path, maximumElements: maximumElements)
    }

    /// The arrays of a `.npz` file, by name (the archive's file names without `.npy`), in the archive's order.
    public static func arrays(_ path: String, maximumBytes: Int = DataFile.defaultMaximumBytes, maximumElements: Int = Int.max) throws -> [(name: String, array: Tensor)] {
        try arrays(bytes: DataFile.read(path, maximumBytes: maximumBytes), path: path, maximumBytes: maximumBytes, maximumElements: maximumElements)
    }

    /// The arrays of the bytes of a `.npz` file named `path`. The members
    /// unpacked take at most `maximumBytes` together, and the arrays at most
    /// `maximumElements` numbers together (an empty array counts as one);
    /// one member is unpacked at a time.
    public static func arrays(bytes: [UInt8], path: String, maximumBytes: Int, maximumElements: Int) throws -> [(name: String, array: Tensor)] {
        let archive = try ZipArchive(bytes, path: path, maximumBytes: maximumBytes)
        var total = 0
        var arrays: [(name: String, array: Tensor)] = []
        for entry in archive.entries {
            guard entry.name.hasSuffix(".npy") else {
                throw DataFileError(path: path, offset: entry.offset, message: "the archive holds \(entry.name), not a .npy array")
            }
            let data = try archive.data(of: entry)
            let array = try self.array(data, path: path + "/" + entry.name, maximumElements: maximumElements - total)
            total += Swift.max(array.count, 1)
            guard total <= maximumElements else {
                throw DataFileError(path: path, offset: entry.offset, message: "the arrays hold more than \(maximumElements) elements together, the limit")
            }
            arrays.append((String(entry.name.dropLast(4)), array))
        }
        return arrays
    }

    /// The array of the bytes of a `.npy` file named `path`.
    public static func array(bytes: [UInt8], path: String, maximumElements: Int) throws -> Tensor {
        try array(bytes[...], path: path, maximumElements: maximumElements)
    }

    /// Reads the `.npy` format from bytes.
    static func array(_ bytes: ArraySlice<UInt8>, path: String, maximumElements: Int) throws -> Tensor {
        let base = bytes.startIndex
        func fail(_ message: String, at offset: Int = 0) -> DataFileError { DataFileError(path: path, offset: offset, message: message) }
        guard bytes.count >= 10, Array(bytes[base..<base + 6]) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59] else {
            throw fail("not a NumPy .npy file: it does not start with \\x93NUMPY")
        }
        let major = bytes[base + 6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[base + 8]) | Int(bytes[base + 9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("the .npy header is cut short", at: 8) }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[base + 8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw fail("version \(major) of the .npy format is not one NumPy documents (1, 2, 3)", at: 6)
        }
        guard headerStart + headerLength <= bytes.count else { throw fail("the .npy header is cut short", at: headerStart) }
        let header: NumPyHeader
        do {
            header = try NumPyHeader(bytes[(base + headerStart)..<(base + headerStart + headerLength)])
        } catch {
            throw fail("the .npy header is not the dictionary NumPy writes: \(error.message)", at: headerStart + error.offset)
        }
        let (descr, shape) = (header.descr, header.shape)
        if header.fortranOrder {
            throw fail("the array is in Fortran order; save it in C order: np.save(path, np.ascontiguousarray(a))", at: headerStart)
        }
        guard let count = Tensor.elementCount(of: shape), count <= maximumElements,
              let span = Tensor.elementCount(of: shape.map { Swift.max($0, 1) }), span <= Swift.max(maximumElements, 1) else {
            throw fail("the array of shape \(Tensor.describe(shape)) holds more than \(maximumElements) elements, the limit", at: headerStart)
        }
        let kind = try Kind(descr, fail: { fail($0, at: headerStart) })
        let dataStart = base + headerStart + headerLength
        let available = bytes.count - (dataStart - base)
        let (needed, overflow) = count.multipliedReportingOverflow(by: kind.size)
        guard !overflow, available == needed else {
            throw fail("the file holds \(available) bytes of data after its header, exactly \(needed) are needed for shape \(Tensor.describe(shape)) of \(descr)", at: dataStart - base)
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { raw in
            guard let start = UnsafeRawBufferPointer(raw).baseAddress else { return }
            let data = start + (dataStart - base)
            for k in 0..<count { values[k] = kind.read(data + k * kind.size) }
        }
        return try Tensor(shape: shape, scalars: values)
    }

    /// The element types read.
    private struct Kind {
        var size: Int
        var read: (UnsafeRawPointer) -> Double

        init(_ descr: String, fail: (String) -> DataFileError) throws {
            guard let order = descr.first, let type = descr.dropFirst().first else {
                throw fail("the element type '\(descr)' is not one NumPy writes")
            }
            switch type {
            case "O": throw fail("the array holds Python objects ('\(descr)'); only numbers can be read")
            case "U", "S": throw fail("the array holds strings ('\(descr)'); only numbers can be read")
            case "c": throw fail("the array holds complex numbers ('\(descr)'); only real numbers can be read")
            case "V": throw fail("the array is structured ('\(descr)'); only plain numbers can be read")
            default: break
            }
            guard let size = Int(descr.dropFirst(2)) else { throw fail("the element type '\(descr)' is not one NumPy writes for numbers") }
            if order == ">" && size > 1 {
                throw fail("the array is big-endian ('\(descr)'); save it little-endian: a.astype(a.dtype.newbyteorder('<'))")
            }
            guard order == "<" || order == "|" || order == "=" else { throw fail("the byte order '\(order)' of '\(descr)' is not one of NumPy's") }
            self.size = size
            switch (type, size) {
            case ("f", 8): read = { Double(bitPattern: UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
            case ("f", 4): read = { Double(Float(bitPattern: UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)))) }
            case ("f", 2): read = { Double(Float16(bitPattern: UInt16(littleEndian: $0.loadUnaligned(as: UInt16.self)))) }
            case ("i", 8): read = { Double(Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) }
            case ("i", 4): read = { Double(Int32(littleEndian: $0.loadUnaligned(as: Int32.self))) }
            case ("i", 2): read = { Double(Int16(littleEndian: $0.loadUnaligned(as: Int16.self))) }
            case ("i", 1): read = { Double($0.loadUnaligned(as: Int8.self)) }
            case ("u", 8): read = { Double(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
            case ("u", 4): read = { Double(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
            case ("u", 2): read = { Double(UInt16(littleEndian: $0.loadUnaligned(as: UInt16.self))) }
            case ("u", 1), ("b", 1): read = { Double($0.loadUnaligned(as: UInt8.self)) }
            default: throw fail("the element type '\(descr)' is not a number type Cahier reads (f8, f4, f2, i1–i8, u1–u8, b1)")
            }
        }
    }
}
