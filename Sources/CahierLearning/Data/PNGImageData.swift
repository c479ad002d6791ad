import Czlib

/// The compressed pixels of a PNG file, checked before libpng unpacks them:
/// they must unpack to no more than the image's own rows. libpng reads a file
/// to its end, so data that went on past the image (gigabytes of deflated
/// zeros in a 50 MB file) would be unpacked, uncounted, before the image is
/// handed over.
enum PNGImageData {
    /// Adam7's passes: the first column and row of each, and the steps between them.
    private static let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]

    /// The bytes the rows of an image unpack to: each row its filter byte and its pixels.
    static func unpackedSize(width: Int, height: Int, bitDepth: Int, colourType: UInt8, interlaced: Bool) -> Int? {
        let channels: Int
        switch colourType {
        case 0, 3: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: return nil
        }
        let bits = channels * bitDepth
        // Nil when the size passes what an Int holds (a header that claims 2³² − 1 pixels a side).
        func rows(_ w: Int, _ h: Int) -> Int? {
            guard w > 0, h > 0 else { return 0 }
            let (rowBits, overflow) = w.multipliedReportingOverflow(by: bits)
            guard !overflow else { return nil }
            let (size, overflowed) = h.multipliedReportingOverflow(by: 1 + (rowBits + 7) / 8)
            return overflowed ? nil : size
        }
        guard interlaced else { return rows(width, height) }
        var total = 0
        for (x, y, dx, dy) in passes {
            guard let size = rows(width > x ? (width - x + dx - 1) / dx : 0, height > y ? (height - y + dy - 1) / dy : 0) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(size)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    /// Throws when the image data of `bytes` unpack to more than the image's rows (by its
    /// first header, the one libpng read). A file
    /// whose chunks or data are damaged is left to libpng, which says what is wrong.
    static func check(_ bytes: [UInt8], path: String) throws {
        func word(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        var expected: Int?
        var header = false
        var data: [Range<Int>] = []
        var at = 8
        while at + 8 <= bytes.count {
            let length = word(at)
            let start = at + 8
            guard length <= bytes.count - start else { break }
            let type = bytes[(at + 4)..<(at + 8)]
            if type.elementsEqual("IHDR".utf8), length >= 13, !header {
                // The first header is the one libpng read (and checked against the limits).
                header = true
                expected = unpackedSize(width: word(start), height: word(start + 4), bitDepth: Int(bytes[start + 8]),
                                        colourType: bytes[start + 9], interlaced: bytes[start + 12] == 1)
            } else if type.elementsEqual("IDAT".utf8) {
                data.append(start..<(start + length))
            } else if type.elementsEqual("IEND".utf8) {
                break
            }
            at = start + length + 4
        }
        guard let expected, !data.isEmpty else { return }
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return }
        defer { inflateEnd(&stream) }
        // The unpacked bytes are counted, not kept: a window of 64 KiB is written over and over.
        var window = [UInt8](repeating: 0, count: 65536)
        var unpacked = 0
        try bytes.withUnsafeBufferPointer { source in
            for range in data {
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + range.lowerBound)
                stream.avail_in = uInt(range.count)
                while stream.avail_in > 0 {
                    let status = window.withUnsafeMutableBufferPointer { target -> Int32 in
                        stream.next_out = target.baseAddress
                        stream.avail_out = uInt(target.count)
                        return inflate(&stream, Z_NO_FLUSH)
                    }
                    unpacked += window.count - Int(stream.avail_out)
                    if unpacked > expected {
                        throw DataFileError(path: path, offset: range.lowerBound,
                                            message: "its image data unpack to more than the \(expected) bytes of its rows: the file goes on past its image")
                    }
                    if status == Z_STREAM_END { return }
                    guard status == Z_OK else { return }
                }
            }
        }
    }
}
