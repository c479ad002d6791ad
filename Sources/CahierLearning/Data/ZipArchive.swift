import Czlib

/// The members of a ZIP archive (PKWARE's APPNOTE), found through its central
/// directory: stored or deflated. ZIP64, encryption, archives split over disks
/// and other methods are refused, saying so.
///
/// Everything the directory declares is checked against the archive before
/// anything is unpacked: the directory lies inside the archive, every member's
/// local header and data lie before the directory and no two overlap (so no
/// two entries share data, and all the members together are at most the
/// archive's size), names are not repeated, a stored member's two sizes agree,
/// a deflated member declares no more than deflate can unpack from its size,
/// and the declared unpacked sizes add up to at most `maximumBytes`. A deflated
/// member is inflated into exactly its declared size and refused if its data
/// say otherwise. So the work and memory of reading an archive are bounded by
/// its size and `maximumBytes`, whatever the number of entries.
struct ZipArchive {
    /// One member, as the central directory and its local header describe it.
    struct Entry {
        var name: String
        /// Where its data start in the archive.
        var offset: Int
        var compressedSize: Int
        var size: Int
        var method: Int
    }

    /// The most bytes deflate unpacks from one byte (RFC 1951: a 258-byte match coded in 2 bits).
    static let deflateRatio = 1032

    let bytes: [UInt8]
    let path: String
    /// The members in the central directory's order.
    private(set) var entries: [Entry] = []

    init(_ bytes: [UInt8], path: String, maximumBytes: Int) throws {
        self.bytes = bytes
        self.path = path
        func fail(_ message: String, at offset: Int) -> DataFileError { DataFileError(path: path, offset: offset, message: message) }
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw fail("the archive is cut short", at: Swift.max(at, 0)) }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { let (low, high) = (try u16(at), try u16(at + 2)); return low | high << 16 }
        // The end of central directory record: in the last 64 KiB + 22 bytes, its comment reaching the end.
        var end = -1
        var at = bytes.count - 22
        while at >= 0 && at >= bytes.count - 22 - 65_535 {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06,
               at + 22 + (Int(bytes[at + 20]) | Int(bytes[at + 21]) << 8) == bytes.count {
                end = at
                break
            }
            at -= 1
        }
        guard end >= 0 else { throw fail("not a ZIP archive (a .npz file is one): no end of central directory", at: 0) }
        let (disk, directoryDisk) = (try u16(end + 4), try u16(end + 6))
        let (countHere, count) = (try u16(end + 8), try u16(end + 10))
        let (directorySize, directoryStart) = (try u32(end + 12), try u32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryStart == 0xFFFF_FFFF { throw fail("the archive is in ZIP64 form, which is not read", at: end) }
        guard disk == 0, directoryDisk == 0, countHere == count else { throw fail("the archive is split over several disks, which is not read", at: end) }
        guard directoryStart + directorySize <= end else { throw fail("the central directory does not lie inside the archive", at: end) }
        guard count * 46 <= directorySize else { throw fail("the central directory is too short for its \(count) entries", at: directoryStart) }
        var names = Set<String>()
        var spans: [(range: Range<Int>, name: String)] = []
        var total = 0
        var entry = directoryStart
        let directoryEnd = directoryStart + directorySize
        for _ in 0..<count {
            guard entry + 46 <= directoryEnd, try u32(entry) == 0x0201_4B50 else { throw fail("the central directory is damaged", at: entry) }
            let flags = try u16(entry + 8), method = try u16(entry + 10)
            let compressed = try u32(entry + 20), size = try u32(entry + 24)
            let nameLength = try u16(entry + 28), extra = try u16(entry + 30), comment = try u16(entry + 32)
            let local = try u32(entry + 42)
            let next = entry + 46 + nameLength + extra + comment
            guard next <= directoryEnd else { throw fail("the central directory is damaged", at: entry) }
            let nameBytes = bytes[(entry + 46)..<(entry + 46 + nameLength)]
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard names.insert(name).inserted else { throw fail("the archive holds two members named \(name)", at: entry) }
            if flags & 1 != 0 { throw fail("\(name) is encrypted", at: entry) }
            if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || local == 0xFFFF_FFFF { throw fail("\(name) is in ZIP64 form, which is not read", at: entry) }
            switch method {
            case 0:
                guard compressed == size else { throw fail("\(name) is stored, yet declares \(size) bytes unpacked and \(compressed) stored", at: entry) }
            case 8:
                // Deflate gives at most 1,032 bytes a byte: a match of 258 bytes in 2 bits, at best.
                guard size / ZipArchive.deflateRatio <= compressed else {
                    throw fail("\(name) declares \(size) bytes unpacked from \(compressed), more than deflate can give (\(ZipArchive.deflateRatio) to 1)", at: entry)
                }
            default: throw fail("\(name) is compressed with method \(method); only stored (0) and deflated (8) are read", at: entry)
            }
            total += size
            guard total <= maximumBytes else { throw fail("the arrays would take more than \(maximumBytes) bytes once unpacked (front matter max-file-bytes)", at: entry) }
            guard local + 30 <= directoryStart else { throw fail("\(name)'s local header would be at byte \(local), past the members", at: entry) }
            guard try u32(local) == 0x0403_4B50 else { throw fail("the local header of \(name) is damaged", at: local) }
            let (localName, localExtra) = (try u16(local + 26), try u16(local + 28))
            let start = local + 30 + localName + localExtra
            guard start + compressed <= directoryStart else { throw fail("\(name) is cut short or runs into the central directory", at: local) }
            guard bytes[(local + 30)..<(local + 30 + localName)].elementsEqual(nameBytes) else {
                throw fail("the local header of \(name) names another member", at: local)
            }
            spans.append((local..<(start + compressed), name))
            entries.append(Entry(name: name, offset: start, compressedSize: compressed, size: size, method: method))
            entry = next
        }
        // No two members may share bytes: each entry's header and data are its own.
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
        for k in spans.indices.dropFirst() where spans[k].range.lowerBound < spans[k - 1].range.upperBound {
            throw fail("the members \(spans[k - 1].name) and \(spans[k].name) overlap in the archive", at: spans[k].range.lowerBound)
        }
    }

    /// The unpacked data of `entry`.
    func data(of entry: Entry) throws -> ArraySlice<UInt8> {
        let raw = bytes[entry.offset..<(entry.offset + entry.compressedSize)]
        guard entry.method == 8 else { return raw }
        return try ZipArchive.inflate(raw, size: entry.size, fail: { DataFileError(path: path, offset: entry.offset, message: "\(entry.name): \($0)") })[...]
    }

    /// Raw deflate data inflated by zlib into exactly `size` bytes: data that
    /// unpack to more or fewer are refused, never given more room.
    static func inflate(_ input: ArraySlice<UInt8>, size: Int, fail: (String) -> DataFileError) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Swift.max(size, 1))
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw fail("zlib could not start") }
        defer { inflateEnd(&stream) }
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(size)
                return Czlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else {
            throw fail("the deflated data are damaged or do not unpack to the \(size) bytes declared")
        }
        output.removeLast(output.count - size)
        return output
    }
}
