import DCMCDiagnostics
import DCMCExpressions

/// Text with keycap markers (`1️⃣`, `2️⃣`...) that name positions, and the text without them.
struct MarkedText {
  /// The text with every marker removed.
  var text: String
  /// Marker digit to its offset in `text`, in Unicode scalars.
  var markers: [Int: Int]

  init(_ marked: String) {
    let scalars = Array(marked.unicodeScalars)
    var clean = String.UnicodeScalarView()
    var markers: [Int: Int] = [:]
    var index = 0
    while index < scalars.count {
      if index + 2 < scalars.count, ("0"..."9").contains(scalars[index]), scalars[index + 1] == "\u{FE0F}",
        scalars[index + 2] == "\u{20E3}"
      {
        markers[Int(scalars[index].value - 48)] = clean.count
        index += 3
      } else {
        clean.append(scalars[index])
        index += 1
      }
    }
    text = String(clean)
    self.markers = markers
  }
}
