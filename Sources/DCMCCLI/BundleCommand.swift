import DCMCBundle

/// `dcmc bundle verify FILE`: checks a compiled bundle the way the runtime will load it.
enum BundleCommand {
  static let help = """
    Usage: dcmc bundle verify FILE

    Loads a compiled bundle as the runtime does: checks its format and version and that its
    content matches its SHA-256 hash, then prints what it holds. Use it before deploying a
    bundle that was copied or stored elsewhere.

    Exit status: 0 the bundle is sound, 1 it is refused (the reason on one line),
    2 usage error or unreadable file.

    """

  static func run(_ argv: [String], terminal: Terminal) throws(UsageError) -> Int32 {
    let arguments = try Arguments(argv, valued: [], flags: ["--help", "-h"])
    if arguments.flags.contains("--help") || arguments.flags.contains("-h") {
      terminal.out(help)
      return ExitCode.success
    }
    guard arguments.positionals.count == 2, arguments.positionals[0] == "verify" else {
      throw UsageError("bundle takes 'verify FILE', like 'dcmc bundle verify bundle.json'")
    }
    let path = arguments.positionals[1]
    let bytes: [UInt8]
    do {
      bytes = try FileIO.readBundle(path)
    } catch {
      terminal.err("dcmc: \(error.message)\n")
      return ExitCode.usage
    }
    do {
      let bundle = try BundleFile.load(bytes)
      terminal.out(
        "\(path): \(bundle.format) from \(bundle.compiler.name) \(bundle.compiler.version), "
          + "\(BundleSummary(bundle).text), \(bundle.hash)\n")
      return ExitCode.success
    } catch {
      terminal.err("dcmc: \(path): \(error.description)\n")
      return ExitCode.invalid
    }
  }
}
