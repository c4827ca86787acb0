internal import CMicroHTTPD
import Synchronization

/// libmicrohttpd calls the access handler several times per request: first with no upload
/// (an `Upload` is made and kept in `con_cls`), then once per chunk of the body (kept up to
/// the limit plus one byte, the rest dropped), then with nothing left: the request is whole,
/// goes to the workers (`RequestWorkers`) and its connection is suspended; the worker that
/// answers resumes it, and the call after that queues the response. `requestCompleted` frees
/// the upload and counts the request out.
///
/// The first call refuses a request on its framing (`Framing`): a query `dcmc_mhd_target` cut
/// (414) or a `Transfer-Encoding` other than `chunked` alone (400, 501), which libmicrohttpd
/// 0.9.75 left unanswered, or one with a `Content-Length` besides, or `Content-Length` given
/// twice (400, smuggling attempts), or a NUL or CR in a header's value (400, `RequestHead`);
/// the connection closes after the refusal.
///
/// A request with `Expect: 100-continue` is screened on the first call (`Context.screen`):
/// libmicrohttpd sends `100 Continue` when that call returns with no response queued, so a
/// refusal the headers decide (401, 404, 405, 413) is queued there, before the client sends
/// its body; the body then never comes (libmicrohttpd closes the reading side), and any that
/// does is dropped. A request without `Expect` is not screened, though its `Content-Length`
/// be over the limit: libmicrohttpd closes a connection answered before its body was read, and
/// a client still sending then gets a reset that loses the answer (audit37 L2, tried and
/// undone: `ServeCommandTests` lost its 413); its body is read up to the limit, then refused.
let accessHandler: MHD_AccessHandlerCallback = { cls, connection, url, method, version, data, size, state in
  guard let cls, let connection, let state, let size else { return .NO }
  let context = Unmanaged<HTTPDaemon.Context>.fromOpaque(cls).takeUnretainedValue()
  let (path, authority) = target(url)
  // A request whose query `dcmc_mhd_target` cut comes with the daemon's context as its own.
  guard let stored = state.pointee, stored != cls else {
    // The request's line and headers are in: its body is due.
    context.deadlines.headersIn(dcmc_mhd_socket(context.library.getConnectionInfo, connection))
    context.inFlight.enter()
    // A route that takes a file (`Route.bodyLimit`) reads more than the API's other routes.
    let route = API.bodyLimit(method.map { String(cString: $0) } ?? "", path)
    let upload = HTTPDaemon.Upload(limit: Pages.serves(path) ? context.formBodyLimit : max(context.bodyLimit, route))
    let cut = state.pointee == cls
    state.pointee = Unmanaged.passRetained(upload).toOpaque()
    // Refused on its framing, whatever it asks: no handler could read it as it was sent.
    let framing =
      cut
      ? Framing.queryTooLarge
      : framingRefusal(connection, method, version, context.library)
    if let refusal = framing {
      upload.refused = true
      return context.reply(refusal, on: connection)
    }
    guard expectsContinue(connection, context.library), !context.stopping.load(ordering: .sequentiallyConsistent),
      let refusal = context.screen(request(connection, method, path, authority, body: [], context.library))
    else { return .YES }
    upload.refused = true
    return context.reply(refusal, on: connection)
  }
  let upload = Unmanaged<HTTPDaemon.Upload>.fromOpaque(stored).takeUnretainedValue()
  let socket = dcmc_mhd_socket(context.library.getConnectionInfo, connection)
  // Refused on its headers: the response is queued; a body sent all the same is dropped.
  guard !upload.refused else {
    size.pointee = 0
    return .YES
  }
  if size.pointee > 0 {
    let room = max(0, upload.limit + 1 - upload.bytes.count)
    if room > 0, let data {
      let count = min(room, size.pointee)
      data.withMemoryRebound(to: UInt8.self, capacity: count) { upload.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
      context.deadlines.received(socket, count)
    }
    size.pointee = 0
    return .YES
  }
  // A worker has the request: its answer, or the connection sleeps until it comes.
  if let answer = upload.answer {
    guard let response = answer.take(orSuspend: connection) else { return .YES }
    return context.reply(response, on: connection)
  }
  // The request is whole: it is answered, however long that takes.
  context.deadlines.disarm(socket)
  guard !context.stopping.load(ordering: .sequentiallyConsistent) else {
    return context.reply(context.unavailable, on: connection)
  }
  let request = request(connection, method, path, authority, body: upload.bytes, context.library)
  upload.bytes = []
  let answer = PendingAnswer(connection: connection, library: context.library)
  let handler = context.handler
  guard context.workers.submit({ answer.give(handler(request)) }) else {
    // Refused: the daemon is stopping, or every worker is busy and the queue full.
    let stopping = context.stopping.load(ordering: .sequentiallyConsistent)
    return context.reply(stopping ? context.unavailable : HTTPDaemon.busy, on: connection)
  }
  upload.answer = answer
  guard let response = answer.take(orSuspend: connection) else { return .YES }
  return context.reply(response, on: connection)
}

/// A request's answer between the worker that makes it and its connection's thread, which
/// sleeps (the connection suspended) until it comes. `@unchecked Sendable`: the connection
/// handle is used only under `state`'s lock, and only until libmicrohttpd ends the request
/// (`gone`, set by `requestCompleted` before the connection goes).
final class PendingAnswer: @unchecked Sendable {
  struct State {
    var response: HTTPResponse?
    var suspended = false
    var gone = false
  }

  let connection: OpaquePointer
  let library: LibMicroHTTPD
  let state = Mutex(State())

  init(connection: OpaquePointer, library: LibMicroHTTPD) {
    self.connection = connection
    self.library = library
  }

  /// The worker's answer: kept, and the connection woken if it sleeps.
  func give(_ response: HTTPResponse) {
    state.withLock { state in
      guard !state.gone else { return }
      state.response = response
      if state.suspended {
        state.suspended = false
        library.resumeConnection(connection)
      }
    }
  }

  /// On the connection's thread: the answer, or (none yet) `nil` with the connection
  /// suspended until `give` brings it.
  func take(orSuspend connection: OpaquePointer) -> HTTPResponse? {
    state.withLock { state in
      if let response = state.response {
        state.response = nil
        return response
      }
      if !state.suspended {
        state.suspended = true
        library.suspendConnection(connection)
      }
      return nil
    }
  }

  /// libmicrohttpd ended the request: no worker may touch its connection after.
  func end() {
    state.withLock { $0.gone = true }
  }
}

extension HTTPDaemon.Context {
  /// Queues `response` on `connection`: a stream, or a whole body (closing the connection when
  /// the daemon stops).
  func reply(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
    if let stream = response.stream { return queueStream(response, stream, on: connection) }
    return send(response, on: connection, library, closing: stopping.load(ordering: .sequentiallyConsistent))
  }
}

let requestCompleted: MHD_RequestCompletedCallback = { cls, connection, state, _ in
  // A request whose query was cut and whose connection closed before its headers were in
  // holds the daemon's context, not an upload: nothing to free, nothing counted in.
  guard let cls, let state, let stored = state.pointee, stored != cls else { return }
  let upload = Unmanaged<HTTPDaemon.Upload>.fromOpaque(stored)
  upload.takeUnretainedValue().answer?.end()
  upload.release()
  state.pointee = nil
  let context = Unmanaged<HTTPDaemon.Context>.fromOpaque(cls).takeUnretainedValue()
  context.inFlight.leave()
  // A kept-alive connection's next request is due within the deadline too.
  if let connection { context.deadlines.arm(dcmc_mhd_socket(context.library.getConnectionInfo, connection), started: false) }
}

/// Each connection's deadlines run from its start until its close (`RequestDeadlines`).
let connectionNotified: MHD_NotifyConnectionCallback = { cls, connection, _, code in
  guard let cls, let connection else { return }
  let context = Unmanaged<HTTPDaemon.Context>.fromOpaque(cls).takeUnretainedValue()
  let socket = dcmc_mhd_socket(context.library.getConnectionInfo, connection)
  guard socket >= 0 else { return }
  if code == .CONNECTION_NOTIFY_STARTED {
    context.deadlines.arm(socket, started: true)
  } else {
    context.deadlines.forget(socket)
  }
}

/// The request on `connection` with `body`: its method, its target's path (`target`), and
/// its headers, `Host` the target's authority when it has one.
private func request(
  _ connection: OpaquePointer, _ method: UnsafePointer<CChar>?, _ path: String, _ authority: String?, body: [UInt8],
  _ library: LibMicroHTTPD
) -> HTTPRequest {
  var headers = values(of: connection, .HEADER_KIND, library)
  if let authority { headers.values["host"] = authority }
  let query = values(of: connection, .GET_ARGUMENT_KIND, library)
  return HTTPRequest(
    method: method.map { String(cString: $0) } ?? "", path: path, query: query.values, lowercasedHeaders: headers.values,
    body: body, remoteAddress: client(of: connection, library), repeatedHeaders: headers.repeated,
    repeatedQuery: query.repeated)
}

/// The path of the request target `url` and, for one in absolute form
/// (`http://127.0.0.1:8080/api/v1/cases`, which RFC 9112 section 3.2.2 has a server accept),
/// its authority, which replaces `Host`.
private func target(_ url: UnsafePointer<CChar>?) -> (path: String, authority: String?) {
  let text = url.map { String(cString: $0) } ?? ""
  guard let (path, authority) = HTTPRequest.absoluteForm(text) else { return (text, nil) }
  return (path, authority)
}

/// Whether the client waits for `100 Continue` before it sends the body.
private func expectsContinue(_ connection: OpaquePointer, _ library: LibMicroHTTPD) -> Bool {
  guard let value = library.lookupConnectionValue(connection, .HEADER_KIND, "Expect") else { return false }
  return String(cString: value).lowercased() == "100-continue"
}

/// `Framing.refusal` of the request's header lines: its `Transfer-Encoding` and
/// `Content-Length` values, in order, every name and how many `Host` lines (one pass over the
/// headers); then of a NUL or CR in its head (`RequestHead`), read from the head's bytes
/// between the `method` and `version` libmicrohttpd gives the access handler and its size.
private func framingRefusal(
  _ connection: OpaquePointer, _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?,
  _ library: LibMicroHTTPD
) -> HTTPResponse? {
  final class Lines {
    var transferEncoding: [String] = []
    var contentLength: [String] = []
    var names: [String] = []
    var hosts = 0
    var fields: [RequestHead.Field] = []
  }
  let lines = Lines()
  withExtendedLifetime(lines) {
    _ = library.getConnectionValues(
      connection, .HEADER_KIND,
      { cls, _, key, value in
        guard let cls, let key else { return .YES }
        let lines = Unmanaged<Lines>.fromOpaque(cls).takeUnretainedValue()
        let name = String(cString: key)
        lines.names.append(name)
        lines.fields.append(RequestHead.Field(name: key, value: value))
        switch HTTPRequest.lowercasedName(key) {
        case "transfer-encoding": lines.transferEncoding.append(value.map { String(cString: $0) } ?? "")
        case "content-length": lines.contentLength.append(value.map { String(cString: $0) } ?? "")
        case "host": lines.hosts += 1
        default: break
        }
        return .YES
      }, Unmanaged.passUnretained(lines).toOpaque())
  }
  if let refusal = Framing.refusal(
    transferEncoding: lines.transferEncoding, contentLength: lines.contentLength, names: lines.names, hosts: lines.hosts)
  {
    return refusal
  }
  var head = RequestHead(fields: lines.fields)
  if library.leavesHeadInPlace, let method, let version {
    head.bytes = (version, method + dcmc_mhd_head_size(library.getConnectionInfo, connection))
  }
  return head.finding().map(Framing.refusal)
}

/// The connection's values of one kind (headers, their names lowercased: they are
/// case-insensitive; query arguments), one value a name, and the names given more than once,
/// which the handlers refuse rather than pick a value by order.
private func values(of connection: OpaquePointer, _ kind: MHD_ValueKind, _ library: LibMicroHTTPD)
  -> (values: [String: String], repeated: Set<String>)
{
  final class Found {
    let query: Bool
    // A request's handful of headers without growing the table as they come.
    var values = [String: String](minimumCapacity: 8)
    var repeated: Set<String> = []
    init(query: Bool) { self.query = query }
  }
  let found = Found(query: kind == .GET_ARGUMENT_KIND)
  withExtendedLifetime(found) {
    _ = library.getConnectionValues(
      connection, kind,
      { cls, _, key, value in
        guard let cls, let key else { return .YES }
        let found = Unmanaged<Found>.fromOpaque(cls).takeUnretainedValue()
        // The shell's unescape keeps `%2F` and `%25`: a query's are decoded here.
        let name = found.query ? HTTPRequest.decodingSlashes(String(cString: key)) : HTTPRequest.lowercasedName(key)
        let text = value.map { String(cString: $0) } ?? ""
        if found.values.updateValue(found.query ? HTTPRequest.decodingSlashes(text) : text, forKey: name) != nil {
          found.repeated.insert(name)
        }
        return .YES
      }, Unmanaged.passUnretained(found).toOpaque())
  }
  return (found.values, found.repeated)
}

/// The client's address as a rate limit counts it (`dcmc_mhd_client`); empty when unknown.
private func client(of connection: OpaquePointer, _ library: LibMicroHTTPD) -> String {
  var text = [CChar](repeating: 0, count: 64)
  guard dcmc_mhd_client(library.getConnectionInfo, connection, &text, text.count) == 1 else { return "" }
  return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

private func send(_ response: HTTPResponse, on connection: OpaquePointer, _ library: LibMicroHTTPD, closing: Bool)
  -> MHD_Result
{
  var body = response.body
  let made = body.withUnsafeMutableBytes { bytes in
    library.createResponseFromBuffer(bytes.count, bytes.baseAddress, .RESPMEM_MUST_COPY)
  }
  guard let made else { return .NO }
  defer { library.destroyResponse(made) }
  for header in response.headers { _ = library.addResponseHeader(made, header.name, header.value) }
  if closing { _ = library.addResponseHeader(made, "Connection", "close") }
  return library.queueResponse(connection, UInt32(response.status), made)
}
