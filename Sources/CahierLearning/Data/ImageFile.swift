import Foundation
import Cpng

/// PNG images read through libpng's simplified API (Debian's `libpng-dev`):
/// grey, grey with alpha, RGB and RGBA, 1 to 16 bits per channel, palettes
/// expanded, interlaced or not, as a tensor of shape [H, W, C] with values in
/// [0, 1] (C = 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA).
///
/// An 8-bit image's values are its samples / 255, as the file stores them
/// (libpng converts a file that declares another gamma to sRGB). A 16-bit
/// image's are its samples / 65535; where it has an alpha channel the colour
/// is un-premultiplied (libpng hands 16-bit samples over multiplied by alpha),
/// so it is exact where the pixel is opaque.
public enum ImageFile {
    /// The image of a PNG file, refused when it would hold more than `maximumElements` numbers.
    public static func png(_ path: String, maximumBytes: Int = DataFile.defaultMaximumBytes, maximumElements: Int = Int.max) throws -> Tensor {
        let bytes = try DataFile.read(path, maximumBytes: maximumBytes)
        return try png(bytes, path: path, maximumElements: maximumElements)
    }

    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The image of the bytes of a PNG file named `path`; its size is checked from its header before any pixel is unpacked.
    public static func png(_ bytes: [UInt8], path: String, maximumElements: Int) throws -> Tensor {
        guard bytes.starts(with: signature) else {
            throw DataFileError(path: path, offset: 0, message: "not a PNG file: it does not start with PNG's signature")
        }
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw DataFileError(path: path, offset: 0, message: "libpng cannot read it: \(message(of: image))") }
        defer { png_image_free(&image) }
        try PNGImageData.check(bytes, path: path)
        // Keep the file's channels and depth; expand a palette.
        image.format &= ~png_uint_32(PNG_FORMAT_FLAG_COLORMAP)
        let alpha = image.format & png_uint_32(PNG_FORMAT_FLAG_ALPHA) != 0
        let colour = image.format & png_uint_32(PNG_FORMAT_FLAG_COLOR) != 0
        let linear = image.format & png_uint_32(PNG_FORMAT_FLAG_LINEAR) != 0
        let channels = (colour ? 3 : 1) + (alpha ? 1 : 0)
        let (height, width) = (Int(image.height), Int(image.width))
        let shape = [height, width, channels]
        guard let count = Tensor.elementCount(of: shape), count <= maximumElements else {
            throw DataFileError(path: path, offset: 0, message: "the image of \(width)×\(height) pixels with \(channels) channels holds more than \(maximumElements) numbers, the limit")
        }
        var values = [Double](repeating: 0, count: count)
        if linear {
            var samples = [UInt16](repeating: 0, count: count)
            let done = samples.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
            guard done != 0 else { throw DataFileError(path: path, offset: 0, message: "libpng cannot read it: \(message(of: image))") }
            for k in 0..<count { values[k] = Double(samples[k]) / 65535 }
            if alpha {
                // Undo libpng's premultiplication of 16-bit colour by alpha.
                for pixel in stride(from: 0, to: count, by: channels) {
                    let a = values[pixel + channels - 1]
                    for c in 0..<(channels - 1) { values[pixel + c] = a > 0 ? Swift.min(1, values[pixel + c] / a) : 0 }
                }
            }
        } else {
            var samples = [UInt8](repeating: 0, count: count)
            let done = samples.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
            guard done != 0 else { throw DataFileError(path: path, offset: 0, message: "libpng cannot read it: \(message(of: image))") }
            for k in 0..<count { values[k] = Double(samples[k]) / 255 }
        }
        return try Tensor(shape: shape, scalars: values)
    }

    /// A PNG file of 8-bit RGBA pixels, row after row, written by libpng.
    public static func encodePNG(rgba: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        guard width > 0, height > 0, rgba.count == width * height * 4 else {
            throw TensorError.invalid("a PNG needs width × height × 4 bytes of RGBA")
        }
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = png_uint_32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        var size = 0
        // First the size, then the bytes.
        let measured = rgba.withUnsafeBytes { png_image_write_to_memory(&image, nil, &size, 0, $0.baseAddress, 0, nil) }
        guard measured != 0, size > 0 else { throw TensorError.invalid("libpng cannot write the image: \(message(of: image))") }
        var out = [UInt8](repeating: 0, count: size)
        let written = out.withUnsafeMutableBytes { target in
            rgba.withUnsafeBytes { png_image_write_to_memory(&image, target.baseAddress, &size, 0, $0.baseAddress, 0, nil) }
        }
        guard written != 0 else { throw TensorError.invalid("libpng cannot write the image: \(message(of: image))") }
        return Array(out.prefix(size))
    }

    /// libpng's message, kept in the image structure.
    private static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    /// The images of a folder with one subfolder per class (the `ImageFolder`
    /// convention): every PNG, in classes sorted by name and files sorted by
    /// name; each image a row of `x`, its channels first ([C, H, W] read row
    /// after row: all the red values, then the green, then the blue); `y` the
    /// class index. All images must have one shape.
    public static func folder(_ path: String, maximumBytes: Int = DataFile.defaultMaximumBytes, maximumElements: Int = Int.max)
        throws -> (x: Tensor, y: Tensor, classes: [String], shape: [Int]) {
        try folder(DataFolder(path), "", display: path, maximumBytes: maximumBytes, maximumElements: maximumElements)
    }

    /// The images of the folder `path` inside `root`, as ``folder(_:maximumBytes:maximumElements:)``
    /// reads them. Each class folder and each image is opened inside `root`
    /// (``DataFolder/open(_:)``): a link that leads out of it is refused, and so
    /// is anything but a folder or a regular file. Errors name `display` and the
    /// entry's name below it, never where a link leads.
    public static func folder(_ root: DataFolder, _ path: String, display: String, maximumBytes: Int, maximumElements: Int)
        throws -> (x: Tensor, y: Tensor, classes: [String], shape: [Int]) {
        func inside(_ folder: String, _ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }
        /// Opens `relative` inside the root, an error naming `shown`.
        func open(_ relative: String, shown: String) throws -> DataFolder.Entry {
            do { return try root.open(relative) } catch let error as DataFolder.Refusal {
                throw DataFileError(path: shown, line: 0, message: error.message)
            }
        }
        // A folder listed holds at most as many entries as the images may hold numbers (each has one at least).
        let maximumEntries = Swift.max(1, Swift.min(maximumElements, 1_000_000))
        let top = try open(path, shown: display)
        var classes: [(name: String, path: String)] = []
        for name in try root.names(in: top, display: display, maximumCount: maximumEntries) where !name.hasPrefix(".") {
            switch try root.kind(of: name, in: top, display: display + "/" + name) {
            case .folder, .link:
                let entry = try open(inside(top.path, name), shown: display + "/" + name)
                if entry.isDirectory { classes.append((name, entry.path)) }
            case .file, .other:
                continue
            }
        }
        classes.sort { $0.name < $1.name }
        guard !classes.isEmpty else {
            throw DataFileError(path: display, line: 0, message: "no class folders: put each class's images in a folder named after it (cat/, dog/, …)")
        }
        var rows: [Double] = []
        var labels: [Double] = []
        var shape: [Int]?
        var bytesRead = 0
        for (index, folder) in classes.enumerated() {
            let shownFolder = display + "/" + folder.name
            let entry = try open(folder.path, shown: shownFolder)
            let files = try root.names(in: entry, display: shownFolder, maximumCount: maximumEntries).filter { !$0.hasPrefix(".") }.sorted()
            for file in files {
                let shown = shownFolder + "/" + file
                guard file.lowercased().hasSuffix(".png") else {
                    throw DataFileError(path: shown, line: 0, message: "not a PNG image; a class folder holds only .png files")
                }
                let bytes = try DataFile.read(try open(inside(entry.path, file), shown: shown), path: shown, maximumBytes: maximumBytes - bytesRead)
                bytesRead += bytes.count
                let image = try png(bytes, path: shown, maximumElements: maximumElements - rows.count)
                if let shape, shape != image.shape {
                    throw DataFileError(path: shown, line: 0, message: "the image has shape \(Tensor.describe(image.shape)), the others \(Tensor.describe(shape)); all images of a folder must have one shape")
                }
                shape = image.shape
                rows += try image.permuted([2, 0, 1]).scalars
                labels.append(Double(index))
            }
        }
        guard let shape else { throw DataFileError(path: display, line: 0, message: "the class folders hold no image") }
        let width = shape.reduce(1, *)
        return (try Tensor(shape: [labels.count, width], scalars: rows), Tensor(vector: labels), classes.map(\.name), shape)
    }
}
