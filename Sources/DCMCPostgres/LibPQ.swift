internal import CLibPQ

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// libpq's functions, loaded with `dlopen` the first time a PostgreSQL store is opened.
///
/// Not linked: libpq brings about twenty libraries (OpenSSL, GnuTLS, Kerberos, LDAP...) whose
/// loading and initialisers multiplied the start-up of every command, PostgreSQL or not
/// (docs/postgres.md, "The release build"). The types are the header's (`CLibPQ`); each
/// function is looked up once by name and called through its C type.
struct LibPQ: Sendable {
  typealias Connection = OpaquePointer?
  typealias Result = OpaquePointer?
  typealias Text = UnsafeMutablePointer<CChar>?
  typealias Strings = UnsafePointer<UnsafePointer<CChar>?>?

  let connectStartParams: @convention(c) (Strings, Strings, Int32) -> Connection
  let connectPoll: @convention(c) (Connection) -> PostgresPollingStatusType
  let conninfo: @convention(c) (Connection) -> UnsafeMutablePointer<PQconninfoOption>?
  let conninfoFree: @convention(c) (UnsafeMutablePointer<PQconninfoOption>?) -> Void
  let status: @convention(c) (Connection) -> ConnStatusType
  let errorMessage: @convention(c) (Connection) -> Text
  let finish: @convention(c) (Connection) -> Void
  let setNoticeProcessor:
    @convention(c) (Connection, PQnoticeProcessor?, UnsafeMutableRawPointer?) -> PQnoticeProcessor?
  let transactionStatus: @convention(c) (Connection) -> PGTransactionStatusType
  let resultStatus: @convention(c) (Result) -> ExecStatusType
  let resultErrorField: @convention(c) (Result, Int32) -> Text
  let resultErrorMessage: @convention(c) (Result) -> Text
  let clear: @convention(c) (Result) -> Void
  let ntuples: @convention(c) (Result) -> Int32
  let nfields: @convention(c) (Result) -> Int32
  let getisnull: @convention(c) (Result, Int32, Int32) -> Int32
  let getlength: @convention(c) (Result, Int32, Int32) -> Int32
  let getvalue: @convention(c) (Result, Int32, Int32) -> Text
  let cmdTuples: @convention(c) (Result) -> Text
  let sendQueryParams:
    @convention(c) (
      Connection, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?, Strings, UnsafePointer<Int32>?,
      UnsafePointer<Int32>?, Int32
    ) -> Int32
  let sendPrepare:
    @convention(c) (Connection, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32, UnsafePointer<Oid>?) -> Int32
  let sendQueryPrepared:
    @convention(c) (
      Connection, UnsafePointer<CChar>?, Int32, Strings, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
    ) -> Int32
  let setSingleRowMode: @convention(c) (Connection) -> Int32
  let getResult: @convention(c) (Connection) -> Result
  let isBusy: @convention(c) (Connection) -> Int32
  let consumeInput: @convention(c) (Connection) -> Int32
  let socket: @convention(c) (Connection) -> Int32
  let notifies: @convention(c) (Connection) -> UnsafeMutablePointer<PGnotify>?
  let freemem: @convention(c) (UnsafeMutableRawPointer?) -> Void
  let getCancel: @convention(c) (Connection) -> OpaquePointer?
  let cancel: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int32) -> Int32
  let freeCancel: @convention(c) (OpaquePointer?) -> Void

  /// The library, loaded once per process; or why it could not be.
  static let shared: Swift.Result<LibPQ, PostgresError> = load()

  private static func load() -> Swift.Result<LibPQ, PostgresError> {
    guard let library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL) else {
      let reason = dlerror().map { String(cString: $0) } ?? "not found"
      return .failure(PostgresError("cannot load libpq (install libpq5): \(PostgresError.firstLine(reason))"))
    }
    do throws(PostgresError) {
      func symbol<Function>(_ name: String) throws(PostgresError) -> Function {
        guard let address = dlsym(library, name) else { throw PostgresError("libpq has no function '\(name)'") }
        return unsafeBitCast(address, to: Function.self)
      }
      return .success(
        LibPQ(
          connectStartParams: try symbol("PQconnectStartParams"), connectPoll: try symbol("PQconnectPoll"),
          conninfo: try symbol("PQconninfo"), conninfoFree: try symbol("PQconninfoFree"), status: try symbol("PQstatus"),
          errorMessage: try symbol("PQerrorMessage"), finish: try symbol("PQfinish"),
          setNoticeProcessor: try symbol("PQsetNoticeProcessor"), transactionStatus: try symbol("PQtransactionStatus"),
          resultStatus: try symbol("PQresultStatus"),
          resultErrorField: try symbol("PQresultErrorField"), resultErrorMessage: try symbol("PQresultErrorMessage"),
          clear: try symbol("PQclear"), ntuples: try symbol("PQntuples"), nfields: try symbol("PQnfields"),
          getisnull: try symbol("PQgetisnull"), getlength: try symbol("PQgetlength"),
          getvalue: try symbol("PQgetvalue"), cmdTuples: try symbol("PQcmdTuples"),
          sendQueryParams: try symbol("PQsendQueryParams"), sendPrepare: try symbol("PQsendPrepare"),
          sendQueryPrepared: try symbol("PQsendQueryPrepared"),
          setSingleRowMode: try symbol("PQsetSingleRowMode"), getResult: try symbol("PQgetResult"),
          isBusy: try symbol("PQisBusy"), consumeInput: try symbol("PQconsumeInput"), socket: try symbol("PQsocket"),
          notifies: try symbol("PQnotifies"), freemem: try symbol("PQfreemem"), getCancel: try symbol("PQgetCancel"),
          cancel: try symbol("PQcancel"), freeCancel: try symbol("PQfreeCancel")))
    } catch {
      return .failure(error)
    }
  }
}
