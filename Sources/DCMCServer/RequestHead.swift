#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A request's head as libmicrohttpd holds it when the access handler is first called, to find
/// a NUL or CR in a header's value: RFC 9110 section 5.5, a recipient of CR, LF or NUL in a
/// field value must reject the message (or replace each by a space). An LF ends a line, so a
/// value cannot hold one; a CR not before an LF stays in the value, seen here. A NUL cannot be
/// seen through the library: 0.9.75 measures each value with `strlen`, so `X-A: a\0b` is the
/// header `X-A: a` (and `MHD_get_connection_values_n` reports the same length). The bytes after
/// the NUL are still in the connection's read buffer, where 0.9.75 leaves the head as received
/// (`LibMicroHTTPD.leavesHeadInPlace`): the request line's method, target and version, then
/// each header line with its `:` and its line's end (CR LF, or LF) zeroed, then the empty
/// line's end, `MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE` bytes from the method on. So what lies
/// between one value's `strlen` end and the next header's name is that line's end only, one
/// or two zero bytes; anything else (a byte that is not zero, or more than two) is a value that
/// went on past a NUL. After the last value come its line's end and the empty line's, two to
/// four zero bytes. One case cannot be seen: a value ending in a single NUL on a line ended by
/// a bare LF reads as a line ended by CR LF (both are two zero bytes); a value's visible text
/// is then all of it.
///
/// Nothing is read outside the head: each gap is measured before it is read, and a head whose
/// pointers are not in that order (another layout) is not judged on its NULs.
struct RequestHead {
  /// A header line as the library parsed it: its name and its value, NUL-terminated.
  struct Field {
    var name: UnsafePointer<CChar>
    var value: UnsafePointer<CChar>?
  }

  /// Where the head holds a byte RFC 9110 refuses.
  enum Finding: Equatable {
    /// After the request line's version (`HTTP/1.1\0x`).
    case requestLine
    /// In the value of the header with this name.
    case field(String)
  }

  /// The header lines, in the order they came.
  var fields: [Field]
  /// The head's bytes as the library left them: from its method to the end of its empty line,
  /// with the request line's version; `nil` when the library's layout is not known.
  var bytes: (version: UnsafePointer<CChar>, end: UnsafePointer<CChar>)?

  /// The first place the head holds a NUL or CR where no field may, or `nil`.
  func finding() -> Finding? {
    for field in fields {
      if let value = field.value, strchr(value, 0x0D) != nil { return .field(String(cString: field.name)) }
    }
    guard let (version, end) = bytes else { return nil }
    var after = version + strlen(version)
    var line = Finding.requestLine
    for field in fields {
      guard let value = field.value, after < field.name, field.name < value, value <= end else { return nil }
      if !Self.isLineEnd(after, field.name, 1...2) { return line }
      // The name, its `:` zeroed, the blanks before the value: their layout, or none known.
      let colon = field.name + strlen(field.name)
      guard colon < value, (colon + 1..<value).allSatisfy({ $0.pointee == 0x20 || $0.pointee == 0x09 }) else { return nil }
      after = value + strlen(value)
      line = .field(String(cString: field.name))
    }
    guard after <= end else { return nil }
    return Self.isLineEnd(after, end, 2...4) ? nil : line
  }

  /// Whether the bytes from `start` up to `end` are zero, and `count` of them.
  private static func isLineEnd(_ start: UnsafePointer<CChar>, _ end: UnsafePointer<CChar>, _ count: ClosedRange<Int>)
    -> Bool
  {
    count.contains(end - start) && (start..<end).allSatisfy { $0.pointee == 0 }
  }
}
