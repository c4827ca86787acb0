import DCMCApplication
import DCMCReports
import DCMCRuntime

extension ReportCommand {
  /// Computes the report on the store at the command's instant and writes it: to standard
  /// output, or to `-o FILE` atomically. A type or workbin the deployment does not have is a
  /// usage error that lists those it has; a store never deployed has none.
  static func run(_ request: ReportRequest, _ options: RuntimeOptions, _ terminal: Terminal) throws(UsageError)
    -> Int32
  {
    var bytes: [UInt8] = []
    let status = RuntimeOptions.run(terminal) { () throws(ServiceError) in
      bytes = try compute(request, options)
      return ""
    }
    guard status == ExitCode.success else { return status }
    guard let path = request.output else {
      terminal.out(String(decoding: bytes, as: UTF8.self))
      return ExitCode.success
    }
    do {
      try FileIO.writeAtomically(bytes, to: path)
    } catch {
      terminal.err("dcmc: \(error.message)\n")
      return ExitCode.usage
    }
    return ExitCode.success
  }

  /// The report's bytes in the request's format.
  static func compute(_ request: ReportRequest, _ options: RuntimeOptions) throws(ServiceError) -> [UInt8] {
    let runtime = try options.open()
    try runtime.service.reading(by: options.user)
    return ReportOutput.bytes(try request.query.compute(on: runtime.service, facts: runtime.repository), request.format)
  }
}
