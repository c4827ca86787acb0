import DCMCModel

/// A small, strict reader of `multipart/form-data` (RFC 7578): the parts between the
/// boundary's delimiters, each with its `Content-Disposition` name and file name. It reads a
/// body the daemon already bounded; it bounds what a part may declare (headers, count) and
/// refuses, with a reason, what it cannot read: a missing first or closing delimiter, headers
/// without their blank line, a part without a name.
enum MultipartBody {
  struct Part: Sendable, Equatable {
    var name: String
    /// The file name a file part declares (possibly empty); `nil` for a text field.
    var filename: String?
    var body: [UInt8]
  }

  /// The most bytes of one part's headers.
  static let maximumHeaderBytes = 8 << 10

  /// The parts of `body` between the delimiters of `boundary`, at most `limit`.
  static func parts(of body: [UInt8], boundary: [UInt8], limit: Int) throws(FormBody.Refusal) -> [Part] {
    let delimiter = Array("--".utf8) + boundary
    let separator = Array("\r\n".utf8) + delimiter
    guard body.starts(with: delimiter) else { throw refusal("the body does not start with its boundary") }
    var parts: [Part] = []
    var cursor = delimiter.count
    while true {
      // After a delimiter: `--` closes the body, CRLF starts a part.
      if body[cursor...].starts(with: Array("--".utf8)) { return parts }
      guard body[cursor...].starts(with: Array("\r\n".utf8)) else {
        throw refusal("a boundary is not followed by a line end")
      }
      cursor += 2
      guard parts.count < limit else { throw refusal("the form has too many fields") }
      guard let headersEnd = find(Array("\r\n\r\n".utf8), in: body, from: cursor, within: maximumHeaderBytes) else {
        throw refusal("a part's headers do not end")
      }
      let headers = try disposition(of: Array(body[cursor..<headersEnd]))
      let start = headersEnd + 4
      guard let end = find(separator, in: body, from: start, within: body.count) else {
        throw refusal("the body does not end with its closing boundary")
      }
      parts.append(Part(name: headers.name, filename: headers.filename, body: Array(body[start..<end])))
      cursor = end + separator.count
    }
  }

  /// The name and file name of a part's `Content-Disposition: form-data` header.
  private static func disposition(of bytes: [UInt8]) throws(FormBody.Refusal) -> (name: String, filename: String?) {
    guard let text = String(validating: bytes, as: UTF8.self) else { throw refusal("a part's headers are not UTF-8") }
    for line in text.split(separator: "\r\n") {
      let header = line.split(separator: ":", maxSplits: 1)
      guard header.count == 2, header[0].lowercased() == "content-disposition" else { continue }
      let value = String(header[1])
      guard value.trimmingSpaces.lowercased().hasPrefix("form-data") else { break }
      guard let name = parameter("name", in: value) else { break }
      return (name, parameter("filename", in: value))
    }
    throw refusal("a part has no form-data name")
  }

  /// Parameter `key`'s value in a header value: quoted (with `\"` and `\\` escapes, as browsers
  /// write them) or a bare token.
  static func parameter(_ key: String, in value: String) -> String? {
    var rest = Substring(value)
    while let semicolon = rest.firstIndex(of: ";") {
      rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
      guard rest.lowercased().hasPrefix(key + "=") else { continue }
      let raw = rest.dropFirst(key.count + 1)
      guard raw.first == "\"" else { return String(raw.prefix { $0 != ";" }.trimmingSpaces) }
      var out = ""
      var escaping = false
      for character in raw.dropFirst() {
        if escaping {
          out.append(character)
          escaping = false
        } else if character == "\\" {
          escaping = true
        } else if character == "\"" {
          return out
        } else {
          out.append(character)
        }
      }
      return nil
    }
    return nil
  }

  /// The offset of `needle` in `haystack` at or after `start`, starting within `limit` bytes.
  private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, within limit: Int) -> Int? {
    guard let first = needle.first, start <= haystack.count else { return nil }
    let last = min(haystack.count - needle.count, start + limit)
    guard start <= last else { return nil }
    var index = start
    while index <= last {
      if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }

  private static func refusal(_ reason: String) -> FormBody.Refusal { FormBody.Refusal(reason: reason) }
}
