import DCMCBundle
import DCMCCalendar
internal import DCMCText

/// What `store verify` calls damage in a store's bundles and deployment history, one rule for
/// both stores: the file store (`bundles/`, `deployments.jsonl`) and PostgreSQL (`dcmc_bundles`,
/// `dcmc_deployments`) each name their own file or table, then say the same words.
public enum DeploymentDamage {
  /// Why the bytes a store keeps under `hash` are not that bundle (they do not load as a
  /// bundle, or load as another one), or `nil` when they are: said after the bytes' place.
  public static func bundle(_ bytes: [UInt8], keptAs hash: String) -> String? {
    do throws(BundleLoadError) {
      let bundle = try BundleFile.load(bytes)
      return bundle.hash == hash ? nil : "holds bundle '\(bundle.hash)', not the one its name gives"
    } catch {
      return "is not the bundle that was deployed: \(error)"
    }
  }

  /// Why a bundle the store lacks is needed, said after its place (`... is missing: `): the
  /// cases that run on it, or (none) that it is the deployed bundle.
  public static func missingBundle(runBy cases: [String]) -> String {
    cases.isEmpty
      ? "it is the deployed bundle" : "case\(cases.count == 1 ? "" : "s") \(cases.joined(separator: ", ")) run on it"
  }

  /// Why a deployment's user is no user name by the rule `deploy` applies to `--as`
  /// (`UserID`), which only a hand edit writes, or `nil` when it is one or there is none:
  /// said after the deployment's place, the user shown escaped.
  public static func user(_ record: DeploymentRecord) -> String? {
    guard let user = record.by, let problem = UserID.problem(user) else { return nil }
    return "its user is not a user name: '\(UserID.printable(user))' \(problem)"
  }

  /// Why a deployment's time is none a store records (outside the years 1 to 9999, which a
  /// timestamp cannot write), or `nil` when it is one or there is none.
  public static func time(_ record: DeploymentRecord) -> String? {
    guard let at = record.at, !Instant.supported.contains(at) else { return nil }
    return "its time (\(at.secondsSinceEpoch) seconds since the epoch) is not an instant of the years 1 to 9999"
  }

  /// How a damaged history is mended, at the end of each line about it: nothing derives the
  /// history (it is the record of who deployed what), so no command writes it again.
  /// `byHand`: what to do, in the store's own terms.
  public static func mending(_ byHand: String) -> String {
    " (no command rewrites the deployment history: \(byHand))"
  }

  /// A bundle hash as a line of verify shows it: at most 80 characters, control characters
  /// escaped (a hash is the key a store files a bundle under, which a hand edit may change).
  public static func printable(hash: String) -> String { printable(hash, limit: 80) }

  /// `text` as a line of verify shows what a store holds: at most `limit` characters, control
  /// characters escaped.
  public static func printable(_ text: String, limit: Int) -> String {
    String(text.prefix(limit)).escapingControls
  }
}
