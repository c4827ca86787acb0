import DCMCExpressions
import DCMCModel

/// A submitted HTML form: its text fields and its files, read from an
/// `application/x-www-form-urlencoded` or `multipart/form-data` body (`MultipartBody`) with
/// limits, and refused with a reason otherwise. Nothing here trusts the body: every length,
/// count and encoding is checked, and a malformed body is a refusal, never a trap.
package struct FormBody: Sendable, Equatable {
  /// A file of a `multipart/form-data` body.
  package struct File: Sendable, Equatable {
    package var field: String
    /// The file name as the browser sent it (its last path component).
    package var name: String
    package var bytes: [UInt8]

    package init(field: String, name: String, bytes: [UInt8]) {
      self.field = field
      self.name = name
      self.bytes = bytes
    }
  }

  /// The text fields; a repeated name keeps its first value (and is in `repeated`).
  package var fields: [String: String] = [:]
  /// The text field names sent more than once, in the order their repeats came.
  package var repeated: [String] = []
  /// The files, in the order sent; a file input left empty sends none.
  package var files: [File] = []

  /// Why a body is not read.
  package struct Refusal: Error, Equatable {
    package var reason: String
  }

  /// The most fields and files a form may send beyond its hidden parts (`init`'s `hidden`),
  /// and the longest text field in bytes: a form value's bound in the runtime
  /// (`FieldType.maximumValueBytes`), checked here before a part that is no field (the
  /// customer's email) is kept.
  package static let maximumParts = 64
  package static let maximumFieldBytes = FieldType.maximumValueBytes

  /// The form in `body`, declared by `contentType`, which carries `hidden` parts the page put
  /// in it (its CSRF field...) besides its fields and files: those do not count against
  /// `maximumParts`. A text field over `fieldBytes` refuses the body; the pages read longer
  /// ones (`init(page:)`).
  package init(
    _ body: [UInt8], contentType: String?, hidden: Int = 0, fieldBytes: Int = maximumFieldBytes
  ) throws(Refusal) {
    let limit = Self.maximumParts + hidden
    let parameters = (contentType ?? "").split(separator: ";").map { String($0.trimmingSpaces) }
    switch parameters.first?.lowercased() {
    case "application/x-www-form-urlencoded"?:
      try read(urlEncoded: body, limit: limit, fieldBytes: fieldBytes)
    case "multipart/form-data"?:
      let boundary = parameters.dropFirst().compactMap { parameter -> String? in
        let parts = parameter.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "boundary" else { return nil }
        return String(parts[1].trimming { $0 == "\"" })
      }.first
      guard let boundary, (1...70).contains(boundary.utf8.count) else {
        throw Refusal(reason: "the multipart body names no boundary")
      }
      try read(
        multipart: MultipartBody.parts(of: body, boundary: Array(boundary.utf8), limit: limit), fieldBytes: fieldBytes)
    default:
      throw Refusal(reason: "the body is not a form")
    }
  }

  /// The form a page's POST `request` sends, its body at most `bodyBytes` (else refused),
  /// each text field read up to that bound rather than `maximumFieldBytes`: a value longer
  /// than a value may be is the validator's to refuse (`FieldType.maximumValueBytes`), as its
  /// field's error with the form and the values as typed, not the whole body's refusal. Every
  /// page form is read so: the public form, the supervisor's and the desk's.
  init(page request: HTTPRequest, bodyBytes: Int, hidden: Int = 0) throws(Refusal) {
    guard request.body.count <= bodyBytes else {
      throw Refusal(reason: "the form is larger than \(bodyBytes >> 10) KiB")
    }
    try self.init(request.body, contentType: request.headers["content-type"], hidden: hidden, fieldBytes: bodyBytes)
  }

  private mutating func read(urlEncoded body: [UInt8], limit: Int, fieldBytes: Int) throws(Refusal) {
    let pairs = body.split(separator: UInt8(ascii: "&"))
    guard pairs.count <= limit else { throw Refusal(reason: "the form has too many fields") }
    for pair in pairs {
      let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = Self.decoded(parts[0]), let value = Self.decoded(parts.count > 1 ? parts[1] : []) else {
        throw Refusal(reason: "the form is not valid percent-encoded UTF-8")
      }
      try add(name, value, fieldBytes: fieldBytes)
    }
  }

  private mutating func read(multipart parts: [MultipartBody.Part], fieldBytes: Int) throws(Refusal) {
    for part in parts {
      if let file = part.filename {
        // An empty file input sends a part with an empty name and no bytes.
        if file.isEmpty && part.body.isEmpty { continue }
        // Browsers write a name's `"` as `%22` (and line breaks, which no kept name has, as %0D, %0A).
        let base = String(file.split(separator: "/").last ?? "").split(separator: "\\").last.map(String.init) ?? ""
        let name = base.replacing("%22", with: "\"")
        files.append(File(field: part.name, name: name, bytes: part.body))
      } else {
        guard let value = String(validating: part.body, as: UTF8.self) else {
          throw Refusal(reason: "the field '\(part.name.prefix(40))' is not UTF-8")
        }
        try add(part.name, value, fieldBytes: fieldBytes)
      }
    }
  }

  private mutating func add(_ name: String, _ value: String, fieldBytes: Int) throws(Refusal) {
    guard value.utf8.count <= fieldBytes else {
      throw Refusal(reason: "the field '\(name.prefix(40))' is longer than \(fieldBytes >> 10) KiB")
    }
    if fields[name] == nil {
      fields[name] = value
    } else if !repeated.contains(name) {
      repeated.append(name)
    }
  }

  /// `bytes` percent-decoded, `+` as a space, as UTF-8; `nil` for a bad escape or bad UTF-8.
  static func decoded(_ bytes: some Collection<UInt8>) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var iterator = bytes.makeIterator()
    while let byte = iterator.next() {
      switch byte {
      case UInt8(ascii: "+"): out.append(0x20)
      case UInt8(ascii: "%"):
        guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
        else { return nil }
        out.append(high << 4 | low)
      default: out.append(byte)
      }
    }
    return String(validating: out, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
  }
}
