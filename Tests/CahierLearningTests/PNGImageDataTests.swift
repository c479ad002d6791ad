@testable import CahierLearning
import Foundation
import Testing

/// A PNG's compressed pixels are checked before libpng unpacks them: they may
/// unpack to the image's rows and no more (the files come from
/// tools/reference/png_checks.py; the values below are its pixels).
@Suite("PNG image data")
struct PNGImageDataTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DataFiles")

    @Test("the bytes the rows unpack to: a filter byte and the pixels of each row, of each Adam7 pass when interlaced")
    func unpackedSize() {
        // 5 × 3 RGB, 8 bits: 3 rows of 1 + 15 bytes.
        #expect(PNGImageData.unpackedSize(width: 5, height: 3, bitDepth: 8, colourType: 2, interlaced: false) == 48)
        // Interlaced, pass by pass (columns × rows): 1×1, 1×1, none, 1×1, 3×1, 2×2, 5×1:
        // 4 + 4 + 0 + 4 + 10 + 2 × 7 + 16 = 52.
        #expect(PNGImageData.unpackedSize(width: 5, height: 3, bitDepth: 8, colourType: 2, interlaced: true) == 52)
        // 1-bit grey, 10 pixels wide: 2 bytes a row and the filter byte.
        #expect(PNGImageData.unpackedSize(width: 10, height: 4, bitDepth: 1, colourType: 0, interlaced: false) == 12)
        #expect(PNGImageData.unpackedSize(width: 2, height: 2, bitDepth: 8, colourType: 5, interlaced: false) == nil)
        // A side of 2³² − 1 pixels: the rows' size passes an Int, and is nil rather than a trap.
        #expect(PNGImageData.unpackedSize(width: 4_294_967_295, height: 4_294_967_226, bitDepth: 8, colourType: 2, interlaced: false) == nil)
        #expect(PNGImageData.unpackedSize(width: 4_294_967_295, height: 4_294_967_226, bitDepth: 8, colourType: 2, interlaced: true) == nil)
    }

    @Test("an interlaced image is read whole, pixel for pixel")
    func interlaced() throws {
        let image = try ImageFile.png(Self.folder.appendingPathComponent("interlaced.png").path)
        #expect(image.shape == [3, 5, 3])
        // Pixel (r, c) is (10r + c, 100 + c, 200 + r) / 255.
        var expected: [Double] = []
        for r in 0..<3 { for c in 0..<5 { expected += [Double(10 * r + c), Double(100 + c), Double(200 + r)].map { $0 / 255 } } }
        #expect(image.scalars == expected)
    }

    @Test("image data that unpack past the image's rows are refused before libpng unpacks them")
    func goesOn() throws {
        #expect {
            _ = try ImageFile.png(Self.folder.appendingPathComponent("goes-on.png").path)
        } throws: { error in
            "\(error)".contains("its image data unpack to more than the 6 bytes of its rows: the file goes on past its image")
        }
    }
}
