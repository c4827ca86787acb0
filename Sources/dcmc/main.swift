#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import DCMCCLI

var environment: [String: String] = [:]
var pointer = environ
while let entry = pointer.pointee {
  let pair = String(cString: entry)
  if let equals = pair.firstIndex(of: "=") {
    environment[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
  }
  pointer += 1
}
// Whatever mask the parent left: a one-shot command ends on SIGINT or SIGTERM (StopSignals).
StopSignals.unblock()
exit(DCMC.main(arguments: Array(CommandLine.arguments.dropFirst()), environment: environment))
