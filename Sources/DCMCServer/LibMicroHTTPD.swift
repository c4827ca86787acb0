internal import CMicroHTTPD

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// libmicrohttpd's functions, loaded with `dlopen` the first time an `HTTPDaemon` starts.
///
/// Not linked: libmicrohttpd brings GnuTLS and a dozen more libraries, which every command
/// would load at start, and Debian ships no static p11-kit for GnuTLS, so a release `dcmc`
/// that linked it could not be one static executable (docs/server.md, "Building"). The types
/// are the header's (`CMicroHTTPD`); each function is looked up once by name and called
/// through its C type. The three variadic ones are kept as addresses and called by the shim.
///
/// `@unchecked Sendable`: its properties are immutable addresses of code in a library that is
/// never closed.
struct LibMicroHTTPD: @unchecked Sendable {
  typealias Connection = OpaquePointer?
  typealias Response = OpaquePointer?

  /// `MHD_start_daemon`, variadic: called by `dcmc_mhd_start` only.
  let startDaemon: UnsafeMutableRawPointer
  /// `MHD_get_daemon_info`, variadic: called by `dcmc_mhd_port` only.
  let getDaemonInfo: UnsafeMutableRawPointer
  /// `MHD_get_connection_info`, variadic: called by `dcmc_mhd_client` only.
  let getConnectionInfo: UnsafeMutableRawPointer
  let isFeatureSupported: @convention(c) (MHD_FEATURE) -> MHD_Result
  let quiesceDaemon: @convention(c) (OpaquePointer?) -> MHD_socket
  let stopDaemon: @convention(c) (OpaquePointer?) -> Void
  let getConnectionValues:
    @convention(c) (Connection, MHD_ValueKind, MHD_KeyValueIterator?, UnsafeMutableRawPointer?) -> Int32
  /// `MHD_lookup_connection_value`: one header's value (its name in any case), or `nil`.
  let lookupConnectionValue: @convention(c) (Connection, MHD_ValueKind, UnsafePointer<CChar>?) -> UnsafePointer<CChar>?
  let createResponseFromBuffer: @convention(c) (Int, UnsafeMutableRawPointer?, MHD_ResponseMemoryMode) -> Response
  let destroyResponse: @convention(c) (Response) -> Void
  let addResponseHeader: @convention(c) (Response, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> MHD_Result
  let queueResponse: @convention(c) (Connection, UInt32, Response) -> MHD_Result
  let createResponseFromCallback:
    @convention(c) (UInt64, Int, MHD_ContentReaderCallback?, UnsafeMutableRawPointer?, MHD_ContentReaderFreeCallback?)
      -> Response
  let suspendConnection: @convention(c) (Connection) -> Void
  let resumeConnection: @convention(c) (Connection) -> Void
  /// `MHD_get_version`: the library's version, `0.9.75`.
  let version: String

  /// Whether the library leaves a request's head where it read it, as 0.9.75 does
  /// (`RequestHead`): each line's end and each header's `:` zeroed in place, the head's
  /// `size` bytes from the method on. Another version's layout is not assumed.
  var leavesHeadInPlace: Bool { version == "0.9.75" }

  /// The library, loaded once per process; or why it could not be.
  static let shared: Result<LibMicroHTTPD, HTTPDaemonError> = load()

  private static func load() -> Result<LibMicroHTTPD, HTTPDaemonError> {
    guard let library = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL) else {
      let reason = dlerror().map { String(cString: $0) } ?? "not found"
      return .failure(.cannotLoad(String(reason.prefix { $0 != "\n" })))
    }
    do throws(HTTPDaemonError) {
      func address(_ name: String) throws(HTTPDaemonError) -> UnsafeMutableRawPointer {
        guard let address = dlsym(library, name) else { throw .cannotLoad("no function '\(name)'") }
        return address
      }
      func symbol<Function>(_ name: String) throws(HTTPDaemonError) -> Function {
        unsafeBitCast(try address(name), to: Function.self)
      }
      return .success(
        LibMicroHTTPD(
          startDaemon: try address("MHD_start_daemon"), getDaemonInfo: try address("MHD_get_daemon_info"),
          getConnectionInfo: try address("MHD_get_connection_info"),
          isFeatureSupported: try symbol("MHD_is_feature_supported"),
          quiesceDaemon: try symbol("MHD_quiesce_daemon"), stopDaemon: try symbol("MHD_stop_daemon"),
          getConnectionValues: try symbol("MHD_get_connection_values"),
          lookupConnectionValue: try symbol("MHD_lookup_connection_value"),
          createResponseFromBuffer: try symbol("MHD_create_response_from_buffer"),
          destroyResponse: try symbol("MHD_destroy_response"), addResponseHeader: try symbol("MHD_add_response_header"),
          queueResponse: try symbol("MHD_queue_response"),
          createResponseFromCallback: try symbol("MHD_create_response_from_callback"),
          suspendConnection: try symbol("MHD_suspend_connection"),
          resumeConnection: try symbol("MHD_resume_connection"),
          version: versionText(try symbol("MHD_get_version"))))
    } catch {
      return .failure(error)
    }
  }

  /// The text `MHD_get_version` answers; empty when none.
  private static func versionText(_ function: @convention(c) () -> UnsafePointer<CChar>?) -> String {
    function().map { String(cString: $0) } ?? ""
  }
}
