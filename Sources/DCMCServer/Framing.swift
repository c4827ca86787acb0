internal import CMicroHTTPD

/// What the shell refuses on a request's framing, at the first call of the access handler,
/// before any handler sees the request: requests libmicrohttpd 0.9.75 would otherwise leave
/// unanswered until a deadline closed their connection (docs/server.md, "Limits"). Each
/// refusal is problem details with `Connection: close`: after a framing the server cannot
/// follow, the connection's next bytes cannot be trusted to start a request.
enum Framing {
  private static let closing = [("Connection", "close")]

  /// The answer to a request whose query `dcmc_mhd_target` cut (`Sources/CMicroHTTPD/shim.h`):
  /// more than 64 query parameters, or a target with a query over 8000 bytes. RFC 9110 section
  /// 15.5.15: the target is longer than the server is willing to interpret.
  static let queryTooLarge = Problem(
    414, "uri_too_long",
    "the query has more than \(DCMC_MHD_MAXIMUM_ARGUMENTS) parameters, or the target with its query more than "
      + "\(DCMC_MHD_MAXIMUM_QUERY_TARGET) bytes", headers: closing
  ).response

  /// Whether a header name, as libmicrohttpd 0.9.75 reports it, carries a folded line: it
  /// appends a line that starts with a blank (obs-fold) to the *name* of the line before, so
  /// `Content-Length: 12` folded over ` foo` is a header `Content-Lengthfoo` and the request has
  /// no length (its body then read as the next request: smuggling behind a proxy that drops
  /// the fold). Such a name holds a byte no field name may (RFC 9110 section 5.1: a token), as
  /// a folded `Transfer-Encoding: chunked` does, or one of the framing fields' names followed by
  /// more (`X-Original-Content-Length` is a name of its own).
  static func isFolded(_ name: String) -> Bool {
    let lowered = name.lowercased()
    for framing in ["content-length", "transfer-encoding"] where lowered != framing && lowered.hasPrefix(framing) {
      return true
    }
    return !name.utf8.allSatisfy { byte in
      (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        || "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
  }

  /// The refusal of a request whose `Transfer-Encoding` field lines are `lines` and whose
  /// `Content-Length` lines are `lengths`, in order, and whose header names are `names` (none
  /// of either and no folded name, `isFolded`: no refusal). A folded line, 400. Both, or two
  /// lengths, 400 whatever they say, and the connection closed after the answer: RFC 9112
  /// sections 6.1 and 6.3, such a message may be an attempt at request smuggling (a proxy in
  /// front that reads the length where the server reads the chunks, or another length);
  /// libmicrohttpd read one and kept the connection. libmicrohttpd reads a body as `chunked`
  /// only when that is the one line's whole value (in any letter case), and reads any other
  /// until the connection closes: every other value is refused. RFC 9112 section 6.3: a request whose last coding is
  /// not `chunked` has a length that cannot be known, 400; section 6.1: a coding the server does
  /// not implement, 501; section 7: `chunked` given twice, 400 (and `chunked` with empty list
  /// elements or blanks around it, which libmicrohttpd does not read as `chunked`).
  ///
  /// `hosts` `Host` lines: more than one, 400 (RFC 9112 section 3.2: which authority the
  /// request is for is ambiguous); libmicrohttpd answers a request without one itself.
  static func refusal(
    transferEncoding lines: [String], contentLength lengths: [String], names: [String] = [], hosts: Int = 1
  ) -> HTTPResponse? {
    if hosts > 1 {
      return Problem(
        400, "malformed_request", "the request gives Host more than once: which server it is for is ambiguous",
        headers: closing
      ).response
    }
    if let folded = names.first(where: isFolded) {
      return Problem(
        400, "malformed_request",
        "the request folds a header line under the one named '\(folded.prefix(60))' (a line starting with a blank, "
          + "RFC 9112 section 5.2): send each header on one line",
        headers: closing
      ).response
    }
    if lengths.count > 1 {
      return Problem(
        400, "malformed_request", "the request gives Content-Length more than once: its body's length is ambiguous",
        headers: closing
      ).response
    }
    if lines.isEmpty { return nil }
    if !lengths.isEmpty {
      return Problem(
        400, "malformed_request",
        "the request has both Transfer-Encoding and Content-Length, so its body's length is ambiguous: send one of them",
        headers: closing
      ).response
    }
    if lines.count == 1 && isChunked(lines[0]) { return nil }
    let codings = lines.flatMap { $0.split(separator: ",") }.map { trimmed($0) }.filter { !$0.isEmpty }
    let given = String(lines.joined(separator: ", ").prefix(80))
    guard let last = codings.last, isChunked(last) else {
      return Problem(
        400, "malformed_request",
        "the Transfer-Encoding '\(given)' does not end with chunked: the body's length cannot be known", headers: closing
      ).response
    }
    if let other = codings.first(where: { !isChunked($0) }) {
      return Problem(
        501, "unsupported_transfer_coding",
        "dcmc reads no transfer coding but chunked, not '\(other.prefix(40))': send the body with Content-Length, or "
          + "chunked alone",
        headers: closing
      ).response
    }
    return Problem(
      400, "malformed_request", "the Transfer-Encoding '\(given)' is not chunked alone: give 'chunked', once",
      headers: closing
    ).response
  }

  /// The refusal of a request whose head holds a NUL or CR where `finding` says
  /// (`RequestHead`): RFC 9110 section 5.5, a field value holds neither (nor LF); a proxy in
  /// front may read the value to its end where the server read it to the NUL.
  static func refusal(_ finding: RequestHead.Finding) -> HTTPResponse {
    let detail =
      switch finding {
      case .requestLine: "the request line holds a NUL after its HTTP version (RFC 9112 section 3)"
      case .field(let name):
        "the value of the header '\(name.prefix(60))' holds a NUL or a CR (RFC 9110 section 5.5): send it without "
          + "control characters"
      }
    return Problem(400, "malformed_request", detail, headers: closing).response
  }

  /// Whether `coding` is `chunked` in any ASCII letter case, as libmicrohttpd compares it (a
  /// letter outside ASCII is not one of its letters, though Unicode may lowercase it to one).
  private static func isChunked<Text: StringProtocol>(_ coding: Text) -> Bool {
    coding.utf8.count == 7 && zip(coding.utf8, "chunked".utf8).allSatisfy { $0 | 0x20 == $1 }
  }

  /// `text` without the spaces and tabs around it (a list element's optional whitespace).
  private static func trimmed(_ text: Substring) -> Substring {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else {
      return ""
    }
    return text[first...last]
  }
}
