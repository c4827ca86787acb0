import DCMCBundle

/// `dcmc bundle verify FILE`: checks a compiled bundle the way the runtime will load it.
enum BundleCommand {
  static let file = PositionalSpec.required("FILE", "a compiled bundle")

  static let spec = CommandSpec(
    "bundle", summary: "verify a compiled bundle: format, version, content hash, and that it can run here",
    exitStatus: """
      Exit status: 0 the bundle is sound, 1 it is refused (the reason on one line),
      2 usage error or unreadable file.
      """,
    actions: [
      ActionSpec(
        "verify", "check a compiled bundle the way the runtime will load it",
        details: """
          Loads a compiled bundle as the runtime does: checks its format and version, that its
          content matches its SHA-256 hash, and that it can run on this machine as deploy checks it
          (every calendar's time zone known here, its windows well formed), then prints what it
          holds. Use it before deploying a bundle that was copied or stored elsewhere.
          """,
        positionals: [file]
      ) { arguments, terminal throws(UsageError) in verify(try arguments[file], terminal) }
    ])

  static func verify(_ path: String, _ terminal: Terminal) -> Int32 {
    let bytes: [UInt8]
    do {
      bytes = try FileIO.readBundle(path)
    } catch {
      terminal.err("dcmc: \(error.message)\n")
      return ExitCode.usage
    }
    do {
      let bundle = try BundleFile.load(bytes)
      // What `deploy` would refuse (a calendar this machine cannot use) fails here too.
      try UsableBundle.check(bundle)
      terminal.out(
        "\(path): \(bundle.format) from \(bundle.compiler.name) \(bundle.compiler.version), "
          + "\(BundleSummary(bundle).text), \(bundle.hash)\n")
      return ExitCode.success
    } catch {
      terminal.err("dcmc: \(path): \(error)\n")
      return ExitCode.invalid
    }
  }
}
