import DCMCServer

/// `dcmc serve`'s protections as options (SPEC section 17, docs/server.md "Limits"): request
/// rates, connections and the idle time, the pollers and the queue ("Threads"), and TLS, read
/// into what `HTTPDaemon` and `API` take.
struct ServeLimits {
  var daemon = HTTPDaemon.Limits()
  var rates = RateLimits()
  /// The certificate's and the key's paths, when HTTPS is asked for (read by `tls()`).
  var tlsFiles: (certificate: String, key: String)?

  static let addressRate = OptionSpec.value(
    "--address-rate", "N/min", "requests a minute per address without a token that acts, or off (default 30/min)")
  static let tokenRate = OptionSpec.value(
    "--token-rate", "N/min", "requests a minute per token, or off (default off)")
  static let connections = OptionSpec.value(
    "--connections", "N", "connections at once, 1 to 10000 (default 256)")
  static let connectionsPerAddress = OptionSpec.value(
    "--connections-per-address", "N", "connections at once from one address, 1 to 10000 (default 128)")
  static let idleTimeout = OptionSpec.value(
    "--idle-timeout", "SECONDS", "seconds a connection may stay idle before it is closed, 1 to 3600 (default 10)")
  static let eventsPoll = OptionSpec.value(
    "--events-poll", "SECONDS",
    "seconds between two reads of every event stream's user, 1 to 3600 (default 1; on PostgreSQL, NOTIFY wakes them sooner)")
  static let pollers = OptionSpec.value(
    "--pollers", "N",
    "threads reading requests and writing answers, 1 to --threads (default one per processor, at most --threads)")
  static let queue = OptionSpec.value(
    "--queue", "N", "requests that may wait for a busy worker, 0 to 10000, beyond them 503 busy (default 128)")
  static let tlsCertificate = OptionSpec.value(
    "--tls-cert", "FILE", "serve HTTPS with this PEM certificate (chain), with --tls-key")
  static let tlsKey = OptionSpec.value("--tls-key", "FILE", "the PEM private key of --tls-cert")

  static let options = [
    addressRate, tokenRate, connections, connectionsPerAddress, idleTimeout, eventsPoll, pollers, queue,
    tlsCertificate, tlsKey,
  ]

  /// The largest certificate or key file read: 1 MiB.
  static let maximumPEMBytes = 1 << 20

  /// The options given in `arguments`, the defaults for the others; a usage error for a value
  /// out of range, or one TLS option without the other.
  init(_ arguments: ParsedArguments) throws(UsageError) {
    daemon.threads = try Self.number(arguments, ServeCommand.threads, 1...64) ?? daemon.threads
    // A poller only moves bytes: more of them than workers would wait for the workers.
    daemon.pollers = try Self.number(arguments, Self.pollers, 1...daemon.threads)
    daemon.queuedRequests = try Self.number(arguments, Self.queue, 0...10_000) ?? daemon.queuedRequests
    daemon.connections = try Self.number(arguments, Self.connections, 1...10_000) ?? daemon.connections
    daemon.connectionsPerAddress =
      try Self.number(arguments, Self.connectionsPerAddress, 1...10_000) ?? daemon.connectionsPerAddress
    daemon.idleSeconds = try Self.number(arguments, Self.idleTimeout, 1...3600) ?? daemon.idleSeconds
    daemon.pollSeconds = try Self.number(arguments, Self.eventsPoll, 1...3600) ?? daemon.pollSeconds
    rates.perAddress = try Self.rate(arguments, Self.addressRate, default: rates.perAddress)
    rates.perToken = try Self.rate(arguments, Self.tokenRate, default: rates.perToken)
    switch (arguments.value(Self.tlsCertificate), arguments.value(Self.tlsKey)) {
    case (nil, nil): tlsFiles = nil
    case (let certificate?, let key?): tlsFiles = (certificate, key)
    default: throw UsageError("--tls-cert and --tls-key go together")
    }
  }

  /// `option`'s value as a whole number in `range`; `nil` when not given.
  static func number(_ arguments: ParsedArguments, _ option: OptionSpec, _ range: ClosedRange<Int>)
    throws(UsageError) -> Int?
  {
    guard let text = arguments.value(option) else { return nil }
    guard let count = Int(text), range.contains(count) else {
      throw UsageError(
        "\(option.name) takes a number from \(range.lowerBound) to \(range.upperBound), not '\(text.prefix(20))'")
    }
    return count
  }

  /// `30/min` as 30, `off` as `nil`; `fallback` when not given.
  static func rate(_ arguments: ParsedArguments, _ option: OptionSpec, default fallback: Int?) throws(UsageError)
    -> Int?
  {
    guard let text = arguments.value(option) else { return fallback }
    if text == "off" { return nil }
    guard text.hasSuffix("/min"), let count = Int(text.dropLast(4)), (1...1_000_000).contains(count) else {
      throw UsageError("\(option.name) takes N/min (1 to 1000000) or off, not '\(text.prefix(20))'")
    }
    return count
  }

  /// The certificate and key for HTTPS, read; `nil` without `--tls-cert`; a failure when a
  /// file cannot be read or holds no PEM block of its kind (exit 2).
  func tls() throws(FileIO.Failure) -> HTTPDaemon.TLS? {
    guard let tlsFiles else { return nil }
    return HTTPDaemon.TLS(
      certificate: try Self.pem(tlsFiles.certificate, "CERTIFICATE"), key: try Self.pem(tlsFiles.key, "PRIVATE KEY"))
  }

  /// The PEM text of the file at `path`, which must hold a `-----BEGIN ...KIND-----` block.
  static func pem(_ path: String, _ kind: String) throws(FileIO.Failure) -> String {
    guard case .bytes(let bytes) = try FileIO.read(path, limit: maximumPEMBytes) else {
      throw FileIO.Failure(message: "cannot read '\(path)': larger than the limit of \(maximumPEMBytes >> 20) MiB")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.contains("-----BEGIN "), text.contains("\(kind)-----") else {
      throw FileIO.Failure(message: "'\(path)' holds no PEM \(kind.lowercased())")
    }
    return text
  }
}
