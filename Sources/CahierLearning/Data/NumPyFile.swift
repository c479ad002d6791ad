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
        let bytes = try DataFile.read(path, maximumBytes: maximumBytes)
        var total = 0
        return try ZipArchive.entries(bytes, path: path, maximumBytes: maximumBytes).map { entry in
            guard entry.name.hasSuffix(".npy") else {
                throw DataFileError(path: path, offset: entry.offset, message: "the archive holds \(entry.name), not a .npy array")
            }
            let array = try self.array(entry.data[...], path: path + "/" + entry.name, maximumElements: maximumElements - total)
            total += array.count
            return (String(entry.name.dropLast(4)), array)
        }
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
        let header = String(decoding: bytes[(base + headerStart)..<(base + headerStart + headerLength)], as: UTF8.self)
        guard let descr = quoted(after: "'descr'", in: header) else { throw fail("the .npy header has no 'descr'", at: headerStart) }
        guard let order = header.range(of: "'fortran_order'") else { throw fail("the .npy header has no 'fortran_order'", at: headerStart) }
        if header[order.upperBound...].drop(while: { $0 == ":" || $0 == " " }).hasPrefix("True") {
            throw fail("the array is in Fortran order; save it in C order: np.save(path, np.ascontiguousarray(a))", at: headerStart)
        }
        let shape = try self.shape(header, fail: { fail($0, at: headerStart) })
        guard let count = Tensor.elementCount(of: shape), count <= maximumElements,
              let span = Tensor.elementCount(of: shape.map { Swift.max($0, 1) }), span <= Swift.max(maximumElements, 1) else {
            throw fail("the array of shape \(Tensor.describe(shape)) holds more than \(maximumElements) elements, the limit", at: headerStart)
        }
        let kind = try Kind(descr, fail: { fail($0, at: headerStart) })
        let dataStart = base + headerStart + headerLength
        guard bytes.count - (dataStart - base) >= count * kind.size else {
            throw fail("the file holds \(bytes.count - (dataStart - base)) bytes of data, \(count * kind.size) are needed for shape \(Tensor.describe(shape)) of \(descr)", at: dataStart - base)
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { raw in
            guard let start = UnsafeRawBufferPointer(raw).baseAddress else { return }
            let data = start + (dataStart - base)
            for k in 0..<count { values[k] = kind.read(data + k * kind.size) }
        }
        return try Tensor(shape: shape, scalars: values)
    }

    /// The text between quotes after `key:` in the header's dictionary.
    private static func quoted(after key: String, in header: String) -> String? {
        guard let at = header.range(of: key) else { return nil }
        let rest = header[at.upperBound...].drop { $0 == ":" || $0 == " " }
        guard let quote = rest.first, quote == "'" || quote == "\"", let end = rest.dropFirst().firstIndex(of: quote) else { return nil }
        return String(rest[rest.index(after: rest.startIndex)..<end])
    }

    private static func shape(_ header: String, fail: (String) -> DataFileError) throws -> [Int] {
        guard let at = header.range(of: "'shape'"), let open = header[at.upperBound...].firstIndex(of: "("),
              let close = header[open...].firstIndex(of: ")") else { throw fail("the .npy header has no 'shape'") }
        let parts = header[header.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        return try parts.map { part in
            guard let extent = Int(part.hasSuffix("L") ? String(part.dropLast()) : part), extent >= 0 else { throw fail("the shape holds '\(part)', not an extent") }
            return extent
        }
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

/// The files of a ZIP archive (PKWARE's APPNOTE): stored or deflated, found
/// through the central directory. ZIP64, encryption and other methods are
/// refused, saying so.
enum ZipArchive {
    struct Entry {
        var name: String
        var offset: Int
        var data: [UInt8]
    }

    static func entries(_ bytes: [UInt8], path: String, maximumBytes: Int) throws -> [Entry] {
        func fail(_ message: String, at offset: Int) -> DataFileError { DataFileError(path: path, offset: offset, message: message) }
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw fail("the archive is cut short", at: at) }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { let (low, high) = (try u16(at), try u16(at + 2)); return low | high << 16 }
        // The end of central directory record: within the last 64 KiB + 22 bytes.
        var end = -1
        var at = bytes.count - 22
        while at >= 0 && at >= bytes.count - 22 - 65_535 {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06 { end = at; break }
            at -= 1
        }
        guard end >= 0 else { throw fail("not a ZIP archive (a .npz file is one): no end of central directory", at: 0) }
        let count = try u16(end + 10)
        var entry = try u32(end + 16)
        if count == 0xFFFF || entry == 0xFFFF_FFFF { throw fail("the archive is in ZIP64 form, which is not read", at: end) }
        var found: [Entry] = []
        var total = 0
        for _ in 0..<count {
            guard try u32(entry) == 0x0201_4B50 else { throw fail("the central directory is damaged", at: entry) }
            let flags = try u16(entry + 8), method = try u16(entry + 10)
            let compressed = try u32(entry + 20), size = try u32(entry + 24)
            let nameLength = try u16(entry + 28), extra = try u16(entry + 30), comment = try u16(entry + 32)
            let local = try u32(entry + 42)
            guard entry + 46 + nameLength <= bytes.count else { throw fail("the archive is cut short", at: entry) }
            let name = String(decoding: bytes[(entry + 46)..<(entry + 46 + nameLength)], as: UTF8.self)
            if flags & 1 != 0 { throw fail("\(name) is encrypted", at: entry) }
            if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF { throw fail("\(name) is in ZIP64 form, which is not read", at: entry) }
            total += size
            guard total <= maximumBytes else { throw fail("the arrays would take more than \(maximumBytes) bytes once unpacked (front matter max-file-bytes)", at: entry) }
            guard try u32(local) == 0x0403_4B50 else { throw fail("the local header of \(name) is damaged", at: local) }
            let (localName, localExtra) = (try u16(local + 26), try u16(local + 28))
            let start = local + 30 + localName + localExtra
            guard start + compressed <= bytes.count else { throw fail("\(name) is cut short", at: start) }
            let raw = Array(bytes[start..<(start + compressed)])
            let data: [UInt8]
            switch method {
            case 0: data = raw
            case 8: data = try inflate(raw, size: size, fail: { fail("\(name): \($0)", at: start) })
            default: throw fail("\(name) is compressed with method \(method); only stored (0) and deflated (8) are read", at: entry)
            }
            found.append(Entry(name: name, offset: start, data: data))
            entry += 46 + nameLength + extra + comment
        }
        return found
    }

    /// Raw deflate data inflated by zlib to exactly `size` bytes.
    static func inflate(_ input: [UInt8], size: Int, fail: (String) -> DataFileError) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw fail("zlib could not start") }
        defer { inflateEnd(&stream) }
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return Czlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else { throw fail("the deflated data are damaged") }
        return output
    }
}

private extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
