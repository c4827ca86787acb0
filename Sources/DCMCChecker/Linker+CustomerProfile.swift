import DCMCDiagnostics
import DCMCExpressions
import DCMCModel

extension Linker {
  /// DC7006 for a `phone_region` that the phone table does not know (`PhoneRegion`): numbers
  /// written without a calling code could not be brought to E.164.
  mutating func checkPhoneRegions() {
    for profile in definitions.customerProfiles {
      guard let region = profile.phoneRegion, PhoneRegion.named(region.value) == nil else { continue }
      report(
        Diagnostic(
          .unknownPhoneRegion, "unknown phone region '\(region.value.prefix(16))'", at: region.range,
          help: "use an ISO 3166 alpha-2 code in upper case; dcmc knows: \(PhoneRegion.codes.joined(separator: ", "))"))
    }
  }
}
